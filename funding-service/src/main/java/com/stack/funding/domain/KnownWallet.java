package com.stack.funding.domain;

import java.time.Instant;
import java.util.UUID;

/** A custody wallet of a user, as the wallet service announced it: deposits to its address are that user's. */
public record KnownWallet(UUID walletId, UUID userId, Chain chain, String address, Instant createdAt) {

    /** The wallet with its address in the canonical spelling of its chain. */
    public static KnownWallet of(UUID walletId, UUID userId, Chain chain, String address, Instant createdAt) {
        return new KnownWallet(walletId, userId, chain, chain.canonical(address), createdAt);
    }
}
