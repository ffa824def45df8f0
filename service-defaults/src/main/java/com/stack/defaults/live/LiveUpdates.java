package com.stack.defaults.live;

import java.util.UUID;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Live updates of one kind of a user's things (deposits, orders, notifications) for GraphQL subscriptions (the
 * port; {@link RedisLiveUpdates} is the adapter, so a subscriber on any instance sees changes committed on any
 * other). Best effort by nature: a client that reconnects reads the current state with a query; the durable record
 * of every change is the outbox's event.
 *
 * @param <T> what changes
 */
public interface LiveUpdates<T> {

    /** Publishes the thing as it now is; called after the change committed. */
    Mono<Void> publish(T changed);

    /**
     * Starts listening to the user's changes: completes once the listening is in place (a change published
     * after that is on the flux), with the flux of the changes from then on. A subscriber that reads the current
     * state after this completes misses nothing in between.
     */
    Mono<Flux<T>> listen(UUID userId);

    /** The user's changes from about now on. */
    default Flux<T> of(UUID userId) {
        return listen(userId).flatMapMany(Function.identity());
    }
}
