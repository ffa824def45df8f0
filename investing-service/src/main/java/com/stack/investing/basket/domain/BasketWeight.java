package com.stack.investing.basket.domain;

import java.math.BigDecimal;
import java.util.Objects;

/** One holding of a basket: the symbol and its share of the basket, an exact fraction in (0, 1]. */
public record BasketWeight(String symbol, BigDecimal weight) {

    public BasketWeight {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("A basket weight needs a symbol");
        }
        Objects.requireNonNull(weight, "weight");
        if (weight.signum() <= 0 || weight.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(
                    "Weight of " + symbol + " must be in (0, 1], was " + weight.toPlainString());
        }
    }
}
