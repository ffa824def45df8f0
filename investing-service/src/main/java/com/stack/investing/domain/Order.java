package com.stack.investing.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's order: for a basket ({@code basketId} set) or a single instrument ({@code symbol} set).
 */
public record Order(UUID id, UUID userId, UUID basketId, String symbol, OrderSide side, BigDecimal amountUsd,
        OrderStatus status, String failureReason, Instant createdAt) {
}
