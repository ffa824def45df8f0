package com.stack.defaults.messaging;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A background loop of passes over work kept in the database: a pass runs soon after {@link #wake()} (a local
 * commit made new work) and on every sweep interval (work committed by other instances, retries that came
 * due, lapsed claims). Passes run one at a time; wake-ups during a pass collapse into one pass after it. A
 * pass after a sweep interval came due is a sweep ({@code woken} false) even when a wake-up is what started it:
 * under steady commits the wake-ups would otherwise take the place of every sweep, and what runs on sweeps only
 * (gauges, retention) would never run. A failed pass is logged and the next one retries.
 */
public abstract class SweepingLoop extends BackgroundLoop {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final Sinks.Many<Boolean> wakeups = Sinks.many().multicast().directBestEffort();
    private final java.util.concurrent.atomic.AtomicBoolean sweepDue = new java.util.concurrent.atomic.AtomicBoolean();

    /** How often a pass runs unasked. */
    protected abstract Duration sweepInterval();

    /** One pass; {@code woken} is true for a pass asked for by {@link #wake()}, false for a sweep. */
    protected abstract Mono<Void> pass(boolean woken);

    /**
     * The claiming loop of work kept in a table: {@code batch} claims the rows due now (under a lease, so another
     * instance or a later pass takes over what a dead runner held) and handles them, emitting how many it claimed;
     * another batch follows at once while the last one claimed at least {@code fullBatch}, so a backlog drains in
     * one pass instead of one batch per sweep. Emits the total claimed. (The outbox relay pipelines its claims
     * with its sends and keeps a loop of its own.)
     */
    protected static Mono<Long> drainBatches(Supplier<? extends Mono<? extends Number>> batch, long fullBatch) {
        return Mono.defer(batch)
                .map(Number::longValue)
                .expand(claimed ->
                        claimed >= Math.max(1, fullBatch) ? Mono.defer(batch).map(Number::longValue) : Mono.empty())
                .reduce(0L, Long::sum);
    }

    /** Asks for a pass soon; a no-op while the loop is stopped. */
    public synchronized void wake() {
        wakeups.tryEmitNext(Boolean.TRUE);
    }

    @Override
    protected Disposable begin() {
        Flux<Boolean> sweeps = Flux.interval(Duration.ZERO, sweepInterval()).map(tick -> {
            sweepDue.set(true);
            return Boolean.FALSE;
        });
        return Flux.merge(sweeps, wakeups.asFlux())
                .onBackpressureLatest()
                .concatMap(
                        signal -> Mono.defer(() -> pass(!sweepDue.getAndSet(false)))
                                .onErrorResume(e -> {
                                    log.warn(
                                            "{} pass failed; the next pass retries",
                                            getClass().getSimpleName(),
                                            e);
                                    return Mono.empty();
                                }),
                        1)
                .subscribe();
    }
}
