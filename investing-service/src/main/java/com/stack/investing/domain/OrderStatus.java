package com.stack.investing.domain;

import java.util.Locale;

public enum OrderStatus {
    PENDING, ACCEPTED_BY_BROKER, PARTIALLY_FILLED, FILLED, FAILED, CANCELED;

    /** The database spelling (lower case, as in the seed DDL). */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
