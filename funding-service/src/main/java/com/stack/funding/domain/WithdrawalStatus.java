package com.stack.funding.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A withdrawal's progress, the states of the withdrawal saga (seed architecture 7.4, Story 2.4): the USD out
 * of the brokerage account, on-ramped to USDC, then sent on chain to the user's address; or failed, with a
 * reason (after the compensation of whatever had moved). A status only moves forward.
 */
public enum WithdrawalStatus {
    PENDING,
    BROKER_WITHDRAWAL_INITIATED,
    BROKER_WITHDRAWAL_COMPLETE,
    ON_RAMP_INITIATED,
    ON_RAMP_COMPLETE,
    TRANSFER_INITIATED,
    COMPLETE,
    FAILED;

    /** The statuses this one may move to; none for the two final ones. */
    public Set<WithdrawalStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(BROKER_WITHDRAWAL_INITIATED, FAILED);
            case BROKER_WITHDRAWAL_INITIATED -> EnumSet.of(BROKER_WITHDRAWAL_COMPLETE, FAILED);
            case BROKER_WITHDRAWAL_COMPLETE -> EnumSet.of(ON_RAMP_INITIATED, FAILED);
            case ON_RAMP_INITIATED -> EnumSet.of(ON_RAMP_COMPLETE, FAILED);
            case ON_RAMP_COMPLETE -> EnumSet.of(TRANSFER_INITIATED, FAILED);
            case TRANSFER_INITIATED -> EnumSet.of(COMPLETE, FAILED);
            case COMPLETE, FAILED -> EnumSet.noneOf(WithdrawalStatus.class);
        };
    }

    public boolean canMoveTo(WithdrawalStatus target) {
        return next().contains(target);
    }

    public boolean isFinal() {
        return next().isEmpty();
    }

    /** The database spelling (lower case, as in the seed DDL). */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WithdrawalStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
