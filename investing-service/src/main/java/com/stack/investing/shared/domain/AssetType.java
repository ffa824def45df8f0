package com.stack.investing.shared.domain;

import java.util.Locale;
import java.util.Set;

/** What an order buys or sells. */
public enum AssetType {
    BASKET,
    STOCK,
    ETF,
    OPTION;

    /** The ETFs we know as such: the catalogue's basket symbols and the broad-market funds. */
    public static final Set<String> KNOWN_ETFS = Set.of("VTI", "VXUS", "BND", "BNDX", "QQQ", "SPY", "IVV", "VOO");

    /** An equity symbol's type: ETF when it is a known ETF, else STOCK. */
    public static AssetType ofEquity(String symbol) {
        return KNOWN_ETFS.contains(symbol) ? ETF : STOCK;
    }

    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AssetType fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Shares per unit of quantity: 100 per option contract, 1 per share. */
    public int multiplier() {
        return this == OPTION ? 100 : 1;
    }
}
