package com.stack.wallet.wallet.domain;

import com.stack.defaults.errors.ConflictException;

/** The caller asked for a deposit address before their identity verification (KYC) was approved. */
public class KycNotApprovedException extends ConflictException {

    private static final long serialVersionUID = 1L;

    public static final String CODE = "KYC_NOT_APPROVED";

    public KycNotApprovedException(Chain chain) {
        super(
                CODE,
                "You have no " + chain + " deposit address: wallets are created once your identity verification"
                        + " (KYC) is approved");
    }
}
