package com.stack.investing.portfolio.app;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Funding's buying power per user, as it last announced it (port; the adapter is
 * {@code adapters.BuyingPowerRepository}). A user's entry is also their lock for placing orders.
 */
public interface BuyingPowers {

    /** Locks the user's entry for the current transaction (creating it at 0 if missing); emits the buying power. */
    Mono<BigDecimal> lockForUser(UUID userId);

    /** The user's buying power as funding last announced it; empty when it never did. */
    Mono<BigDecimal> find(UUID userId);

    /** Replaces the user's buying power if {@code version} is newer than the one held; true when it did. */
    Mono<Boolean> apply(UUID userId, BigDecimal buyingPower, long version, Instant changedAt);
}
