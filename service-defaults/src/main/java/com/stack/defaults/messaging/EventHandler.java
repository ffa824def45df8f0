package com.stack.defaults.messaging;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.EventPayload;
import reactor.core.publisher.Mono;

/**
 * Applies one event. Runs inside the R2DBC transaction that also records the event as processed:
 * its database effects commit with that record, or roll back with it and the event is retried.
 * An error means "not applied": a {@link PoisonEventException} (the event can never be applied: invalid data)
 * dead-letters it at once, any other error is retried without a count limit; completing means applied or
 * deliberately ignored (a stale transition, for example).
 */
@FunctionalInterface
public interface EventHandler<T extends EventPayload> {

    Mono<Void> handle(EventEnvelope<T> event);
}
