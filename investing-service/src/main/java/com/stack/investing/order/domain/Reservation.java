package com.stack.investing.order.domain;

import java.util.Locale;

/** Funding's hold of buying power for an order: awaited, placed (a sell holds nothing), or refused. */
public enum Reservation {
    AWAITING,
    RESERVED,
    REFUSED;

    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Reservation fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
