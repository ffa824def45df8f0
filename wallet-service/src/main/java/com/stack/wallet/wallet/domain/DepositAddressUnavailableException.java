package com.stack.wallet.wallet.domain;

import com.stack.defaults.errors.ConflictException;

/** The caller's wallet on the chain exists but no longer receives deposits (inactive). */
public class DepositAddressUnavailableException extends ConflictException {

    private static final long serialVersionUID = 1L;

    public static final String CODE = "DEPOSIT_ADDRESS_UNAVAILABLE";

    public DepositAddressUnavailableException(Chain chain) {
        super(CODE, "Your " + chain + " wallet is inactive and cannot receive deposits");
    }
}
