package com.stack.wallet.domain;

import com.stack.defaults.errors.ConflictException;

/**
 * The caller has no active wallet on the chain asked for, so there is no address to deposit to.
 * Wallets are created when KYC is approved; the message says which step the user is at.
 */
public class DepositAddressUnavailableException extends ConflictException {

    private static final long serialVersionUID = 1L;

    public static final String CODE = "DEPOSIT_ADDRESS_UNAVAILABLE";

    /**
     * @param chain  the chain asked for
     * @param status the status of the caller's wallet on that chain, or {@code null} if there is none
     */
    public DepositAddressUnavailableException(Chain chain, WalletStatus status) {
        super(CODE, message(chain, status));
    }

    static String message(Chain chain, WalletStatus status) {
        if (status == null) {
            return "You have no " + chain + " deposit address yet: wallets are created when your identity"
                    + " verification (KYC) is approved";
        }
        return switch (status) {
            case CREATING -> "Your " + chain + " wallet is still being created after your KYC approval;"
                    + " its deposit address will be available shortly";
            case INACTIVE -> "Your " + chain + " wallet is inactive and cannot receive deposits";
            case ACTIVE -> throw new IllegalArgumentException("An active wallet has a deposit address");
        };
    }
}
