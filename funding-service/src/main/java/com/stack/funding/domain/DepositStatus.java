package com.stack.funding.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A deposit's progress, the states of the deposit saga (seed architecture 4.3 and 7.2): seen on chain
 * but not yet final, confirmed on chain, off-ramped to USD by the ramp partner, then funded at the
 * broker; or failed, with a reason. A status only moves forward: {@link #canMoveTo} lists the steps.
 */
public enum DepositStatus {
    PENDING_CONFIRMATION,
    CONFIRMED_ON_CHAIN,
    OFF_RAMP_INITIATED,
    OFF_RAMP_COMPLETE,
    BROKER_FUNDED,
    FAILED;

    /** The statuses this one may move to; none for the two final ones. */
    public Set<DepositStatus> next() {
        return switch (this) {
            case PENDING_CONFIRMATION -> EnumSet.of(CONFIRMED_ON_CHAIN, FAILED);
            case CONFIRMED_ON_CHAIN -> EnumSet.of(OFF_RAMP_INITIATED, FAILED);
            case OFF_RAMP_INITIATED -> EnumSet.of(OFF_RAMP_COMPLETE, FAILED);
            case OFF_RAMP_COMPLETE -> EnumSet.of(BROKER_FUNDED, FAILED);
            case BROKER_FUNDED, FAILED -> EnumSet.noneOf(DepositStatus.class);
        };
    }

    public boolean canMoveTo(DepositStatus target) {
        return next().contains(target);
    }

    /** A deposit begins seen on chain, either not yet final or already confirmed. */
    public boolean canBeFirst() {
        return this == PENDING_CONFIRMATION || this == CONFIRMED_ON_CHAIN;
    }

    public boolean isFinal() {
        return next().isEmpty();
    }

    /** Whether this status comes at or after {@code other} on the way to {@link #BROKER_FUNDED}. */
    @SuppressWarnings("EnumOrdinal") // the constants are declared in the order a deposit moves through them
    public boolean isAtOrBeyond(DepositStatus other) {
        return this == other || (this != FAILED && other != FAILED && ordinal() > other.ordinal());
    }

    /** The database spelling (lower case, as in the seed DDL). */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DepositStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
