package com.stack.funding.domain;

import java.util.Locale;

/** A deposit's progress: confirmed on chain, off-ramped to USD by Circle, then funded at the broker. */
public enum DepositStatus {
    PENDING_CONFIRMATION, CONFIRMED_ON_CHAIN, OFF_RAMP_INITIATED, OFF_RAMP_COMPLETE, BROKER_FUNDED, FAILED;

    /** The database spelling (lower case, as in the seed DDL). */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DepositStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
