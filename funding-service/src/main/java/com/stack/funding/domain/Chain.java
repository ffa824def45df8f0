package com.stack.funding.domain;

import java.util.Locale;

/** A blockchain deposits arrive on and withdrawals are sent to. */
public enum Chain {
    ETHEREUM, SOLANA;

    /** The database spelling (lower case, as in the seed DDL). */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Chain fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
