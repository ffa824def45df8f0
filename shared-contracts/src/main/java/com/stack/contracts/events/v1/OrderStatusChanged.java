package com.stack.contracts.events.v1;

import java.time.Instant;
import java.util.UUID;

import com.stack.contracts.events.EventPayload;

/** An order moved to {@code status} (investing). Amounts and quantities are exact decimal strings. */
public record OrderStatusChanged(UUID userId, UUID orderId, String status, String symbol, String side,
        String amount, String filledQuantity, long version, Instant changedAt) implements EventPayload {
}
