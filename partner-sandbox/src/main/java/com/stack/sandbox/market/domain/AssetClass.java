package com.stack.sandbox.market.domain;

import java.math.BigDecimal;

/** Equities trade by the share; an option contract covers 100 shares, so its cash effect is 100 times its price. */
public enum AssetClass {
    EQUITY(BigDecimal.ONE),
    OPTION(BigDecimal.valueOf(100));

    private final BigDecimal multiplier;

    AssetClass(BigDecimal multiplier) {
        this.multiplier = multiplier;
    }

    public BigDecimal multiplier() {
        return multiplier;
    }
}
