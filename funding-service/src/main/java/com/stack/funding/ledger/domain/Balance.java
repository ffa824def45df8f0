package com.stack.funding.ledger.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** A user's money in USD as the app shows it, derived from the ledger. */
public record Balance(
        BigDecimal buyingPowerUsd, BigDecimal pendingDepositsUsd, BigDecimal pendingWithdrawalsUsd, Instant updatedAt) {

    /**
     * The balance from the ledger's sums, in whole cents. Ledger amounts carry 6 decimals; rounding
     * toward zero never shows the user more than the ledger holds. With no entries yet, the balance
     * is zero as of {@code now}.
     */
    public static Balance fromLedger(LedgerTotals totals, Instant now) {
        return new Balance(
                cents(totals.buyingPower()),
                cents(totals.pendingDeposits()),
                cents(totals.pendingWithdrawals()),
                totals.lastEntryAt() == null ? now : totals.lastEntryAt());
    }

    static BigDecimal cents(BigDecimal amount) {
        return (amount == null ? BigDecimal.ZERO : amount).setScale(2, RoundingMode.DOWN);
    }
}
