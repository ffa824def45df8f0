package com.stack.sandbox.market.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A change of an order that its broker reports (Alpaca's trade event, DriveWealth's order message).
 *
 * @param order            the order after the change (cumulative quantity, average price, status)
 * @param execution        the fill, for {@code PARTIAL_FILL} and {@code FILL}; {@code null} otherwise
 * @param positionQuantity the account's position in the symbol after the change
 */
public record OrderUpdate(Kind kind, Order order, Execution execution, BigDecimal positionQuantity, Instant at) {

    public enum Kind {
        NEW,
        PARTIAL_FILL,
        FILL,
        CANCELED,
        EXPIRED,
        REJECTED
    }
}
