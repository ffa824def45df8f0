package com.stack.wallet.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** A blockchain a wallet lives on. */
public enum Chain {
    ETHEREUM(Pattern.compile("0x[0-9a-fA-F]{40}")),
    // base58 (Bitcoin alphabet: no 0, O, I, l) of a 32-byte ed25519 public key
    SOLANA(Pattern.compile("[1-9A-HJ-NP-Za-km-z]{32,44}"));

    private final Pattern addressShape;

    Chain(Pattern addressShape) {
        this.addressShape = addressShape;
    }

    /** The database spelling (lower case, as in the seed DDL). */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Chain fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /**
     * Whether {@code address} is an address on this chain, so that a custodian's malformed answer is
     * never handed out as a deposit address.
     */
    public boolean isValidAddress(String address) {
        // TODO(issue #4, after merging sandbox-partners): replace this shape check with
        // com.stack.contracts.chains.EthereumAddress.isValid (adds the EIP-55 checksum of mixed-case
        // addresses) and SolanaAddress.isValid (adds "decodes to exactly 32 bytes").
        return address != null && addressShape.matcher(address).matches();
    }
}
