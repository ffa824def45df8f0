package com.stack.investing.portfolio.app;

import java.util.UUID;

import com.stack.investing.portfolio.domain.Holding;
import com.stack.investing.shared.domain.AssetType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What the users hold, from the fills applied (port; the adapter is {@code adapters.PositionRepository}). */
public interface Positions {

    /** The user's holdings, by symbol. */
    Flux<Holding> findForUser(UUID userId);

    /** The user's holding of {@code symbol}; empty when there is none. */
    Mono<Holding> find(UUID userId, String symbol);

    /**
     * Locks the user's holding of {@code symbol} for the current transaction, creating it empty when there is none
     * (a lock on a row that does not exist yet would lock nothing). The caller saves the holding after its fill.
     */
    Mono<Holding> lock(UUID userId, String symbol, AssetType assetType);

    /** Writes the holding; one of nothing is deleted. */
    Mono<Void> save(UUID userId, Holding holding);
}
