package com.stack.funding.shared.domain;

import java.util.Locale;

/** A blockchain deposits arrive on and withdrawals are sent to. */
public enum Chain {
    /** Addresses and transaction hashes are hex; their letter case carries no meaning (EIP-55 is a checksum). */
    ETHEREUM(false),
    /** Addresses and transaction signatures are base58, where case matters. */
    SOLANA(true);

    private final boolean caseSensitive;

    Chain(boolean caseSensitive) {
        this.caseSensitive = caseSensitive;
    }

    /**
     * The one spelling of an address or transaction hash this service stores and compares: lower case on
     * Ethereum (a checksummed and a lower-case address are the same address), as given on Solana.
     */
    public String canonical(String addressOrHash) {
        String trimmed = addressOrHash.strip();
        return caseSensitive ? trimmed : trimmed.toLowerCase(Locale.ROOT);
    }

    /** The database spelling (lower case, as in the seed DDL). */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Chain fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
