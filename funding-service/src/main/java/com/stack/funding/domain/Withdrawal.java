package com.stack.funding.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A withdrawal of USD buying power, sent as USDC to {@code address} on {@code chain}. */
public record Withdrawal(UUID id, UUID userId, BigDecimal amountUsd, Chain chain, String address,
        WithdrawalStatus status, String txHash, String failureReason, Instant createdAt, Instant updatedAt) {
}
