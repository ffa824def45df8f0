package com.stack.funding.deposit.domain;

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

    /** The statuses this one may move to, as {@link DepositSaga#DEFINITION} declares; none for the two final ones. */
    public Set<DepositStatus> next() {
        return DepositSaga.DEFINITION.next(this);
    }

    public boolean canMoveTo(DepositStatus target) {
        return next().contains(target);
    }

    /** A deposit begins seen on chain, either not yet final or already confirmed. */
    public boolean canBeFirst() {
        return DepositSaga.DEFINITION.canBeginIn(this);
    }

    public boolean isFinal() {
        return DepositSaga.DEFINITION.isFinal(this);
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
