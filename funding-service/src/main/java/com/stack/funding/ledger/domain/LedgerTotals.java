package com.stack.funding.ledger.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The sums of a user's USD ledger accounts, unrounded, and when the last entry was posted
 * ({@code null} when the user has no entries yet).
 */
public record LedgerTotals(
        BigDecimal buyingPower, BigDecimal pendingDeposits, BigDecimal pendingWithdrawals, Instant lastEntryAt) {}
