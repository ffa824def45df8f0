package com.stack.investing.order.domain;

import java.util.Locale;

/** An order's status, from recorded to final; an order never leaves a final status. */
public enum OrderStatus {
    PENDING,
    ACCEPTED_BY_BROKER,
    PARTIALLY_FILLED,
    FILLED,
    FAILED,
    CANCELED;

    /** The database spelling (lower case, as in the seed DDL). */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this == FILLED || this == FAILED || this == CANCELED;
    }

    /** How far along an order is: PENDING 0, ACCEPTED_BY_BROKER 1, PARTIALLY_FILLED 2, any final status 3. */
    @SuppressWarnings("EnumOrdinal") // the constants are declared in the order an order moves through them
    public int progress() {
        return isFinal() ? 3 : ordinal();
    }
}
