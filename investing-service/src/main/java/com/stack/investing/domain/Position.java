package com.stack.investing.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A holding as the brokerage last reported it. The market value is the broker's valuation; the
 * unrealized profit or loss is what that value gained over the cost of the holding.
 *
 * <p>Quantity and average price keep their exact value but lose the storage's trailing zeros
 * (NUMERIC(36,18) would print "10.000000000000000000"): quantity "10", average price "101.50".
 */
public record Position(String symbol, BigDecimal quantity, BigDecimal averagePrice, BigDecimal marketValue) {

    public Position {
        Objects.requireNonNull(symbol, "symbol");
        quantity = withoutTrailingZeros(Objects.requireNonNull(quantity, "quantity"), 0);
        averagePrice = withoutTrailingZeros(Objects.requireNonNull(averagePrice, "averagePrice"), 2);
        marketValue = Money.usd(Objects.requireNonNull(marketValue, "marketValue"));
    }

    /** The cost of the holding: quantity times average price, exact. */
    public BigDecimal costBasis() {
        return quantity.multiply(averagePrice);
    }

    /** Market value minus cost basis, in US dollars to two places. */
    public BigDecimal unrealizedPnl() {
        return Money.usd(marketValue.subtract(costBasis()));
    }

    private static BigDecimal withoutTrailingZeros(BigDecimal value, int minimumScale) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < minimumScale ? stripped.setScale(minimumScale) : stripped;
    }
}
