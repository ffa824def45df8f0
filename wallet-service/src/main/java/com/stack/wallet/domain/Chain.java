package com.stack.wallet.domain;

import java.util.Locale;

/** A blockchain a wallet lives on. */
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
