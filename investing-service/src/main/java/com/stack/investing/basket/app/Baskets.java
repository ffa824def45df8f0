package com.stack.investing.basket.app;

import java.util.Collection;
import java.util.UUID;

import com.stack.investing.basket.domain.Basket;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where the curated baskets are kept (port; the adapter is {@code adapters.BasketRepository}). */
public interface Baskets {

    /** The active catalogue, from the most conservative basket to the most growth-oriented, then by name. */
    Flux<Basket> findActive();

    /** The basket with this id, active or withdrawn; empty when there is none. */
    Mono<Basket> findById(UUID id);

    /** The baskets with these ids, in no particular order; ids without a basket are skipped. */
    Flux<Basket> findAllById(Collection<UUID> ids);
}
