package com.stack.sandbox.market.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What an account holds of one instrument: the quantity and the average price it was bought at
 * (9 decimals, half even). Buying moves the average; selling leaves it.
 */
public record Position(String accountId, Instrument instrument, BigDecimal quantity, BigDecimal averageEntryPrice) {

    public static Position none(String accountId, Instrument instrument) {
        return new Position(accountId, instrument, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    public Position after(Side side, BigDecimal filled, BigDecimal price) {
        if (side == Side.SELL) {
            return new Position(accountId, instrument, quantity.subtract(filled), averageEntryPrice);
        }
        BigDecimal total = quantity.add(filled);
        BigDecimal average = quantity.multiply(averageEntryPrice)
                .add(filled.multiply(price))
                .divide(total, Order.PRICE_SCALE, RoundingMode.HALF_EVEN);
        return new Position(accountId, instrument, total, Order.price(average));
    }

    public boolean isEmpty() {
        return quantity.signum() == 0;
    }

    /** What it cost: quantity x average entry price x multiplier, to the cent (half even). */
    public BigDecimal costBasis() {
        return Order.cost(quantity, averageEntryPrice, instrument.multiplier());
    }

    public BigDecimal marketValue(BigDecimal price) {
        return Order.cost(quantity, price, instrument.multiplier());
    }
}
