package com.stack.wallet.wallet.domain;

import java.util.Locale;
import java.util.function.Predicate;

import com.stack.contracts.chains.EthereumAddress;
import com.stack.contracts.chains.SolanaAddress;

/** A blockchain a wallet lives on. */
public enum Chain {
    // 0x + 40 hex digits; a mixed-case address must match its EIP-55 checksum
    ETHEREUM(EthereumAddress::isValid),
    // base58 (Bitcoin alphabet) of exactly 32 bytes: an ed25519 public key
    SOLANA(SolanaAddress::isValid);

    @SuppressWarnings("ImmutableEnumChecker") // a method reference to a pure, stateless check
    private final Predicate<String> addressRule;

    Chain(Predicate<String> addressRule) {
        this.addressRule = addressRule;
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
        return address != null && addressRule.test(address);
    }
}
