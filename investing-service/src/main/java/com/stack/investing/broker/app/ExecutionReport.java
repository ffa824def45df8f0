package com.stack.investing.broker.app;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * What the broker reported about one order, translated from its event (Alpaca's {@code trade_updates}, DriveWealth's
 * {@code orders.*} queue messages) or from a status read. Quantities are cumulative (everything filled so far), so a
 * duplicated or reordered report is applied by comparing with what was applied before, never by adding.
 *
 * @param eventId            the partner's event id (for logs; reports are idempotent by their content anyway)
 * @param clientOrderId      the order's id in investing, as sent with the order
 * @param brokerOrderId      the broker's id of the order
 * @param cumulativeQuantity shares or contracts filled so far
 * @param averagePrice       average fill price per share so far (per share also for options), null before a fill
 * @param reason             why it was rejected, canceled or expired, when the broker said
 */
public record ExecutionReport(
        String eventId,
        UUID clientOrderId,
        String brokerOrderId,
        State state,
        BigDecimal cumulativeQuantity,
        BigDecimal averagePrice,
        String reason,
        Instant at) {

    public enum State {
        ACCEPTED,
        PARTIALLY_FILLED,
        FILLED,
        CANCELED,
        REJECTED,
        EXPIRED;

        public boolean isFinal() {
            return this == FILLED || this == CANCELED || this == REJECTED || this == EXPIRED;
        }
    }
}
