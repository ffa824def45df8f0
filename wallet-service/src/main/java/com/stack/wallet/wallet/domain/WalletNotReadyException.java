package com.stack.wallet.wallet.domain;

import com.stack.defaults.errors.ConflictException;

/** KYC is approved, and the caller's wallet on the chain is still being opened at the custodian. */
public class WalletNotReadyException extends ConflictException {

    private static final long serialVersionUID = 1L;

    public static final String CODE = "WALLET_NOT_READY";

    public WalletNotReadyException(Chain chain) {
        super(
                CODE,
                "Your " + chain + " wallet is still being created after your KYC approval; its deposit address"
                        + " will be available shortly");
    }
}
