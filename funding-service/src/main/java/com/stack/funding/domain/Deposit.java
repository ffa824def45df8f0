package com.stack.funding.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A stablecoin deposit into a user's wallet, as stored (USDC with its 6 decimals). */
public record Deposit(UUID id, UUID userId, Chain chain, String txHash, BigDecimal amountUsdc, DepositStatus status,
        String failureReason, Instant createdAt, Instant updatedAt) {
}
