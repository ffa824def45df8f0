package com.stack.funding.withdrawal.domain;

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

    /** The statuses this one may move to, as {@link WithdrawalSaga#DEFINITION} declares; none for the two final ones. */
    public Set<WithdrawalStatus> next() {
        return WithdrawalSaga.DEFINITION.next(this);
    }

    public boolean canMoveTo(WithdrawalStatus target) {
        return next().contains(target);
    }

    public boolean isFinal() {
        return WithdrawalSaga.DEFINITION.isFinal(this);
    }

    /** The database spelling (lower case, as in the seed DDL). */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WithdrawalStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
