package com.stack.defaults.messaging;

import java.time.Duration;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Keeps {@code processed_events} bounded: on every sweep, deletes the rows older than
 * {@code stack.messaging.consumer.dedupe-retention}, in bounded batches. Safe against late duplicates together with
 * {@link EventConsumer}: a row is deleted only once its event is older than the retention (it was processed after
 * it happened), and the consumer dead-letters ({@code beyond_dedupe_horizon}) rather than applies an event it has not
 * seen that is older than the retention, the one case where a deleted row could have let a duplicate through.
 */
public class ProcessedEventsRetention extends SweepingLoop {

    static final BoundedDeletion EXPIRED = new BoundedDeletion(
            "processed_events", "processed_at < now() - make_interval(secs => :retention)", 10_000, 10);

    private final DatabaseClient db;
    private final Duration retention;
    private final Duration interval;
    private final boolean consuming;

    /** {@code consuming}: the service consumes events (else it has no {@code processed_events} to keep). */
    public ProcessedEventsRetention(DatabaseClient db, Duration retention, Duration interval, boolean consuming) {
        this.db = db;
        this.retention = retention;
        this.interval = interval;
        this.consuming = consuming;
    }

    @Override
    public boolean isAutoStartup() {
        return consuming;
    }

    @Override
    protected Duration sweepInterval() {
        return interval;
    }

    @Override
    protected Mono<Void> pass(boolean woken) {
        return deleteExpired();
    }

    Mono<Void> deleteExpired() {
        return EXPIRED.run(db, retention);
    }
}
