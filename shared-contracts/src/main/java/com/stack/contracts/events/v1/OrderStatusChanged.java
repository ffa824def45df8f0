package com.stack.contracts.events.v1;

import java.time.Instant;
import java.util.UUID;

import com.stack.contracts.events.EventPayload;

/**
 * A top-level order (a basket's parent, a stock, ETF or option order) moved to {@code status} (investing), in the
 * contract's spelling ({@code PENDING}, {@code ACCEPTED_BY_BROKER}, {@code PARTIALLY_FILLED}, {@code FILLED},
 * {@code FAILED}, {@code CANCELED}). Funding settles the order's reservation from it: {@code filledAmountUsd} is
 * the cumulative notional filled so far (2 decimals; for a basket the sum over its children; for an option,
 * contracts x 100 x price), so a repeated or reordered event can be applied by its difference alone; a terminal
 * status ({@code FILLED}, {@code FAILED}, {@code CANCELED}) releases what was held and not filled. An order is
 * terminal only after funding answered its reservation ({@link OrderReservationAnswered}).
 *
 * @param assetType       {@code BASKET}, {@code STOCK}, {@code ETF} or {@code OPTION}
 * @param symbol          the instrument (an OCC symbol for an option), null for a basket
 * @param side            {@code BUY} or {@code SELL}
 * @param amountUsd       the order's amount, 2 decimals
 * @param filledAmountUsd cumulative notional filled, 2 decimals
 * @param filledQuantity  cumulative quantity filled (shares or contracts), null for a basket
 * @param failureReason   why it failed (a code such as {@code INSUFFICIENT_BUYING_POWER}), else null
 * @param version         increases with every change of the order
 */
public record OrderStatusChanged(
        UUID userId,
        UUID orderId,
        String status,
        String assetType,
        String symbol,
        String side,
        String amountUsd,
        String filledAmountUsd,
        String filledQuantity,
        String failureReason,
        long version,
        Instant changedAt)
        implements EventPayload {}
