package com.stack.investing.shared.domain;

import java.util.Locale;

public enum OrderSide {
    BUY,
    SELL;

    /** The database spelling (lower case, as in the seed DDL). */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderSide fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
