package com.stack.defaults.reconciliation;

import java.time.Duration;

import com.stack.defaults.messaging.SweepingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The skeleton of a saga's reconciler: on every interval, the sagas that have not moved for {@code stuckAfter} are
 * read (at most {@code batchSize}) and each is reconciled in turn, usually by asking the partner of its step for the
 * truth and applying the answer as the partner's own event would be, or by arming a command that gave up again. One
 * saga's failure is logged and left for the next pass; it never stops the others. After each pass the saga's
 * gauges are refreshed. A subclass says which sagas are stuck, what reconciling one does, and how it is named in
 * the logs.
 *
 * @param <T> what is read of one stuck saga
 */
public abstract class StuckSagaReconciler<T> extends SweepingLoop {

    /**
     * When and how much it reconciles.
     *
     * @param enabled    run with the application
     * @param interval   how often stuck sagas are looked for
     * @param stuckAfter how long a saga may stay in one step before it is reconciled
     * @param batchSize  sagas reconciled per pass
     */
    public record Schedule(boolean enabled, Duration interval, Duration stuckAfter, int batchSize) {}

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final Schedule schedule;

    protected StuckSagaReconciler(Schedule schedule) {
        this.schedule = schedule;
    }

    /** The sagas unmoved for {@code stuckAfter}, at most {@code batchSize} of them. */
    protected abstract Flux<T> stuck(Duration stuckAfter, int batchSize);

    /** Reconciles one stuck saga; emits whether it moved (or had a command armed again). */
    protected abstract Mono<Boolean> reconcileOne(T stuck);

    /** How the logs name {@code stuck}: e.g. {@code deposit 0190... (off_ramp_initiated)}. */
    protected abstract String describe(T stuck);

    /** Brings the saga's gauges up to date; nothing by default. */
    public Mono<Void> refreshMetrics() {
        return Mono.empty();
    }

    /** One pass over the stuck sagas; emits how many moved. */
    public Mono<Long> reconcile() {
        return stuck(schedule.stuckAfter(), schedule.batchSize())
                .concatMap(stuck -> reconcileOne(stuck).onErrorResume(e -> {
                    log.warn("Reconciling {} failed; the next pass tries again: {}", describe(stuck), e.toString());
                    return Mono.just(false);
                }))
                .filter(moved -> moved)
                .count();
    }

    /** How long a saga may stay in one step before it counts as stuck. */
    protected Duration stuckAfter() {
        return schedule.stuckAfter();
    }

    @Override
    protected final Duration sweepInterval() {
        return schedule.interval();
    }

    @Override
    public final boolean isAutoStartup() {
        return schedule.enabled();
    }

    @Override
    protected final Mono<Void> pass(boolean woken) {
        return reconcile().then(refreshMetrics());
    }
}
