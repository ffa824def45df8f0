package com.stack.funding.withdrawal.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.stack.funding.shared.domain.Chain;

/**
 * A withdrawal of USD buying power, sent as USDC to {@code address} on {@code chain}. The row is the withdrawal
 * saga's state: {@code version} grows by one per status change (optimistic locking, stale events dropped).
 */
public record Withdrawal(
        UUID id,
        UUID userId,
        BigDecimal amountUsd,
        Chain chain,
        String address,
        WithdrawalStatus status,
        String txHash,
        String failureReason,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
