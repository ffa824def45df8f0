package com.stack.funding.saga.app;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The saga command outbox (port; the adapter is {@code adapters.SagaCommandRepository}, over {@code saga_commands}).
 * Commands are recorded inside the transaction of the state change that calls for them; a runner claims due ones
 * with a lease, and finishes each under a row lock that checks it is still unfinished, so a lapsed lease never lets
 * a command's effect be recorded twice.
 */
public interface SagaCommandStore {

    /** Records the command in the caller's transaction; false when the saga had recorded it before. */
    Mono<Boolean> record(String sagaType, UUID sagaId, String command, String idempotencyKey);

    /** Claims up to {@code limit} due commands among {@code commands}, oldest first, for {@code lease}. */
    Mono<List<Command>> claim(Collection<String> commands, int limit, Duration lease);

    /** Locks the command for the current transaction; true while it is still unfinished. */
    Mono<Boolean> lockUnfinished(UUID id);

    /** Marks the command done, keeping {@code note} (when not null) as its last word. */
    Mono<Void> markDone(UUID id, String note);

    /** Marks the command failed for good, keeping {@code error} (when not null) as its last word. */
    Mono<Void> markFailed(UUID id, String error);

    /** Puts the command back after a failed attempt; due again after {@code backoff}. */
    Mono<Void> retryLater(UUID id, Duration backoff, String error);

    /** Arms a command that gave up again (pending, due now, attempts from zero); false when it had not given up. */
    Mono<Boolean> rearmFailed(UUID sagaId, String command);

    /**
     * Arms a finished command again for another round with the partner (a step whose partner failed its earlier
     * request for good): pending, attempts from zero, due after {@code delay}; false when no such command is finished.
     */
    Mono<Boolean> again(UUID sagaId, String command, Duration delay, String note);

    /** Commands by command and state, for the metric. */
    Flux<StateCount> countByState();

    /** A claimed command. {@code attempts} counts this claim. */
    record Command(UUID id, String sagaType, UUID sagaId, String command, String idempotencyKey, int attempts) {}

    /** How many commands are in a state. */
    record StateCount(String command, String state, long count) {}
}
