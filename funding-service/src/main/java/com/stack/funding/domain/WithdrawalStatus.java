package com.stack.funding.domain;

import java.util.Locale;

/** A withdrawal's progress: out of the broker, on-ramped to USDC by Circle, then sent on chain. */
public enum WithdrawalStatus {
    PENDING, BROKER_WITHDRAWAL_INITIATED, BROKER_WITHDRAWAL_COMPLETE, ON_RAMP_INITIATED, ON_RAMP_COMPLETE,
    TRANSFER_INITIATED, COMPLETE, FAILED;

    /** The database spelling (lower case, as in the seed DDL). */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WithdrawalStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
