package com.stack.funding.deposit.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.stack.funding.shared.domain.Chain;

/**
 * A stablecoin deposit into a user's wallet, as stored (USDC with its 6 decimals). The row is the
 * deposit saga's state: {@code status} is the step reached and {@code version} grows by one per status
 * change, so an update made from a stale read is refused (optimistic locking).
 */
public record Deposit(
        UUID id,
        UUID userId,
        Chain chain,
        String txHash,
        BigDecimal amountUsdc,
        DepositStatus status,
        String failureReason,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
