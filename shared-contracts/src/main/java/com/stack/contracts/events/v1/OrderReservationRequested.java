package com.stack.contracts.events.v1;

import java.time.Instant;
import java.util.UUID;

import com.stack.contracts.events.EventPayload;

/**
 * Investing asks funding to reserve what a new top-level order needs before anything reaches the broker: for a
 * {@code BUY}, a hold of {@code amountUsd} of the user's buying power; for a {@code SELL}, nothing (its proceeds
 * are credited as it fills). Funding answers with {@link OrderReservationAnswered}, once per order: a repeated
 * request for the same order is answered with the first answer and never holds twice.
 *
 * @param side      {@code BUY} or {@code SELL}
 * @param amountUsd the most the order may spend (a buy) or the amount to sell, 2 decimals
 */
public record OrderReservationRequested(UUID userId, UUID orderId, String side, String amountUsd, Instant requestedAt)
        implements EventPayload {}
