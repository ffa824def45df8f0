package com.stack.investing.basket.domain;

import java.util.Locale;

public enum RiskLevel {
    CONSERVATIVE,
    BALANCED,
    GROWTH;

    /** The database spelling (lower case, as in the seed DDL). */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RiskLevel fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
