package com.stack.defaults.messaging;

import java.time.Duration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A loop over rows of a table that are due for work, each claimed under a lease so that one instance works on it at
 * a time and another takes over when a runner dies: a pass claims up to {@code batchSize} due rows, works on them
 * concurrently, and claims again at once while the batch was full ({@link #drainBatches}). It runs soon after
 * {@link #wake()} and on every sweep interval. A subclass says how rows are claimed and what the work on one is;
 * the work records its own outcome (done, or due again after a backoff) and fails only when that could not be
 * recorded, which leaves the row to the lease.
 *
 * @param <C> a claimed row
 */
public abstract class ClaimingLoop<C> extends SweepingLoop {

    /**
     * @param enabled       run with the application
     * @param sweepInterval how often due retries and lapsed claims are looked for, besides the wake-ups
     * @param batchSize     rows claimed, and worked on concurrently, per batch
     * @param lease         how long a claim keeps a row to its instance; longer than the work on one can take
     */
    public record Schedule(boolean enabled, Duration sweepInterval, int batchSize, Duration lease) {}

    private final Schedule schedule;

    protected ClaimingLoop(Schedule schedule) {
        this.schedule = schedule;
    }

    /** Claims up to {@code batchSize} rows due now, each for {@code lease}. */
    protected abstract Flux<C> claim(Duration lease, int batchSize);

    /** The work on one claimed row. */
    protected abstract Mono<Void> work(C claimed);

    /** Works on every row due now, batch after batch; emits how many were claimed. */
    public Mono<Long> drain() {
        int batchSize = Math.max(1, schedule.batchSize());
        return drainBatches(
                () -> claim(schedule.lease(), batchSize)
                        .flatMap(claimed -> work(claimed).thenReturn(Boolean.TRUE), batchSize)
                        .count(),
                batchSize);
    }

    @Override
    protected final Duration sweepInterval() {
        return schedule.sweepInterval();
    }

    @Override
    protected final Mono<Void> pass(boolean woken) {
        return drain().then();
    }

    @Override
    public final boolean isAutoStartup() {
        return schedule.enabled();
    }
}
