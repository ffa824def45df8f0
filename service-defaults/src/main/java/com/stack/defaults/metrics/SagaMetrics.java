package com.stack.defaults.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

/**
 * One saga's metrics, the same names and tags in every service that runs a saga (tag {@code saga}, e.g.
 * {@code deposit}):
 * <ul>
 *   <li>{@code stack.saga.steps{saga, step, outcome}} (timer): each attempt of a step; {@link #SUCCESS}, {@link #RETRY}
 *       (it failed and will be tried again) or {@link #FAILURE} (it failed for good: given up, or refused by the
 *       partner).</li>
 *   <li>{@code stack.saga.transitions{saga, status}} (counter): sagas entering each status, counted after the
 *       change committed.</li>
 *   <li>{@code stack.saga.duration{saga, outcome}} (timer): creation to a terminal status, {@code outcome} being
 *       that status.</li>
 *   <li>{@code stack.saga.stuck{saga, status}} and {@code stack.saga.oldest.age{saga, status}} (seconds): per
 *       non-terminal status, the sagas in it longer than the service's stuck-after, and the age of the oldest saga
 *       in it (0 when none); set by the service's reconciliation sweep through {@link #open}.</li>
 * </ul>
 * Status and step names are the services' own, in lower case.
 */
public final class SagaMetrics {

    public static final String SUCCESS = "success";
    public static final String RETRY = "retry";
    public static final String FAILURE = "failure";

    static final String STEPS = "stack.saga.steps";
    static final String TRANSITIONS = "stack.saga.transitions";
    static final String DURATION = "stack.saga.duration";
    static final String STUCK = "stack.saga.stuck";
    static final String OLDEST_AGE = "stack.saga.oldest.age";

    /** The sagas in one non-terminal status: how many are stuck, and how long ago the oldest was created. */
    public record Open(long stuck, Duration oldestAge) {

        /** From a query's count and age in seconds (null when the database had none). */
        public static Open of(Long stuck, Double oldestAgeSeconds) {
            return new Open(
                    stuck == null ? 0 : stuck,
                    oldestAgeSeconds == null ? Duration.ZERO : Duration.ofMillis(Math.round(oldestAgeSeconds * 1000)));
        }
    }

    private final MeterRegistry registry;
    private final String saga;
    private final Map<String, AtomicLong> stuck = new LinkedHashMap<>();
    private final Map<String, AtomicLong> oldestAgeMillis = new LinkedHashMap<>();

    /** @param openStatuses the non-terminal statuses, each with its stuck and oldest-age gauges from the start */
    public SagaMetrics(MeterRegistry registry, String saga, Collection<String> openStatuses) {
        this.registry = registry;
        this.saga = saga;
        for (String status : openStatuses) {
            AtomicLong count = new AtomicLong();
            stuck.put(status, count);
            Gauge.builder(STUCK, count, AtomicLong::get)
                    .tag("saga", saga)
                    .tag("status", status)
                    .description("Sagas in a non-terminal status for longer than the service's stuck-after")
                    .register(registry);
            AtomicLong age = new AtomicLong();
            oldestAgeMillis.put(status, age);
            Gauge.builder(OLDEST_AGE, age, value -> value.get() / 1000.0)
                    .tag("saga", saga)
                    .tag("status", status)
                    .baseUnit("seconds")
                    .description("Age of the oldest saga in a non-terminal status (0 when none)")
                    .register(registry);
        }
    }

    public String saga() {
        return saga;
    }

    /** Starts timing a step's attempt; {@link #stepEnded} records it. */
    public Timer.Sample stepStarted() {
        return Timer.start(registry);
    }

    public void stepEnded(Timer.Sample sample, String step, String outcome) {
        sample.stop(Timer.builder(STEPS)
                .tag("saga", saga)
                .tag("step", step)
                .tag("outcome", outcome)
                .description("Attempts of each saga step, by outcome")
                .register(registry));
    }

    /**
     * The attempt, timed from its subscription: {@link #SUCCESS} when it completes, {@code outcomeOfError}'s
     * answer when it fails (the error goes on).
     */
    public <T> Mono<T> timedStep(String step, Mono<T> attempt, Function<Throwable, String> outcomeOfError) {
        return Mono.defer(() -> {
            Timer.Sample sample = stepStarted();
            return attempt.doOnSuccess(done -> stepEnded(sample, step, SUCCESS))
                    .doOnError(e -> stepEnded(sample, step, outcomeOfError.apply(e)));
        });
    }

    /**
     * A saga entered {@code status} (call it once the change committed); a terminal status also records the saga's
     * duration since {@code createdAt}.
     */
    public void entered(String status, boolean terminal, Instant createdAt) {
        Counter.builder(TRANSITIONS)
                .tag("saga", saga)
                .tag("status", status)
                .description("Sagas entering each status")
                .register(registry)
                .increment();
        if (terminal && createdAt != null) {
            Timer.builder(DURATION)
                    .tag("saga", saga)
                    .tag("outcome", status)
                    .description("Time from a saga's creation to its terminal status")
                    .register(registry)
                    .record(
                            Math.max(
                                    0,
                                    Duration.between(createdAt, Instant.now()).toNanos()),
                            TimeUnit.NANOSECONDS);
        }
    }

    /** The non-terminal sagas now, by status; a status not in {@code byStatus} has none. */
    public void open(Map<String, Open> byStatus) {
        stuck.forEach((status, value) -> {
            Open open = byStatus.get(status);
            value.set(open == null ? 0 : open.stuck());
        });
        oldestAgeMillis.forEach((status, value) -> {
            Open open = byStatus.get(status);
            value.set(
                    open == null || open.oldestAge() == null
                            ? 0
                            : Math.max(0, open.oldestAge().toMillis()));
        });
    }
}
