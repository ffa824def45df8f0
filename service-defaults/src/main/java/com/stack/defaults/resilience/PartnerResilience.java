package com.stack.defaults.resilience;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.springframework.boot.context.properties.bind.DefaultValue;
import reactor.core.publisher.Mono;

/**
 * The Resilience4j wiring a partner call shares: a timeout per attempt, a circuit breaker that counts only
 * transient failures, and retries with exponential backoff of transient failures only. Only calls that are
 * safe to repeat go through it: reads, and writes the partner dedupes by an idempotency key. One instance
 * per partner API, so one API's outage does not open another's breaker.
 *
 * <p>Metrics, in Micrometer's global registry (Spring Boot adds the service's registry to it,
 * {@code management.metrics.use-global-registry}): adapters build their resilience with {@code new} from their
 * settings, and the global registry reaches all of them without a registry passed through every constructor.
 * {@code stack.partner.calls{partner, outcome}} times each call, retries included: {@code success}, {@code timeout}
 * (the last attempt ran out of time), {@code rejected} (the open breaker refused it) or {@code failure} (any other
 * error, a partner's refusal included). The breaker and the retry are bound by Resilience4j's tagged binding
 * ({@code resilience4j.circuitbreaker.*}, {@code resilience4j.retry.*}, tag {@code name}). A name has one breaker in
 * the metrics: a newer instance of the same name (a test's, a context's restart) replaces the older one there.
 */
public final class PartnerResilience {

    static final String CALLS = "stack.partner.calls";

    /** Every partner's breaker and retry, by name, for the tagged metrics: they follow additions and replacements. */
    private static final CircuitBreakerRegistry BREAKERS = CircuitBreakerRegistry.ofDefaults();

    private static final RetryRegistry RETRIES = RetryRegistry.ofDefaults();

    static {
        bindTo(Metrics.globalRegistry);
    }

    /**
     * Binds every breaker's and retry's metrics to {@code registry} as well (the global registry has them from the
     * start; a test's own registry, or a KYC-style adapter's, can ask for them too).
     */
    public static void bindTo(MeterRegistry registry) {
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(BREAKERS).bindTo(registry);
        TaggedRetryMetrics.ofRetryRegistry(RETRIES).bindTo(registry);
    }

    /**
     * A partner API's limits, bound from configuration ({@code ...-resilience.*}).
     *
     * @param timeout              one attempt's limit
     * @param maxAttempts          attempts per call (a transient failure is retried)
     * @param initialBackoff       wait before the second attempt, doubled per attempt
     * @param maxBackoff           retry wait cap
     * @param failureRateThreshold percentage of transient failures in the window that opens the breaker
     * @param minimumCalls         calls in the window before the failure rate counts
     * @param slidingWindow        calls the failure rate is computed over
     * @param openStateWait        how long an open breaker refuses calls before letting a few through
     */
    public record Settings(
            @DefaultValue("3s") Duration timeout,
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("1s") Duration maxBackoff,
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int minimumCalls,
            @DefaultValue("20") int slidingWindow,
            @DefaultValue("10s") Duration openStateWait) {}

    private final String name;
    private final TimeLimiter timeLimiter;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Predicate<Throwable> translated;

    /**
     * @param isTransient whether a translated error may go away when asked again (retried, counted by the breaker)
     * @param translated  whether an error is already one of the adapter's own
     */
    public PartnerResilience(
            String name, Settings settings, Predicate<Throwable> isTransient, Predicate<Throwable> translated) {
        this(
                name,
                settings.timeout(),
                CircuitBreakerConfig.custom()
                        .failureRateThreshold(settings.failureRateThreshold())
                        .minimumNumberOfCalls(settings.minimumCalls())
                        .slidingWindowSize(settings.slidingWindow())
                        .waitDurationInOpenState(settings.openStateWait())
                        .recordException(isTransient)
                        .build(),
                RetryConfig.custom()
                        .maxAttempts(Math.max(1, settings.maxAttempts()))
                        .intervalFunction(IntervalFunction.ofExponentialBackoff(
                                settings.initialBackoff(), 2.0, settings.maxBackoff()))
                        .retryOnException(isTransient)
                        .build(),
                translated);
    }

    /**
     * For an adapter whose breaker or retry needs more than {@link Settings} says (a half-open trial size, jittered
     * backoff); the same timing, metrics and bindings.
     */
    public PartnerResilience(
            String name,
            Duration timeout,
            CircuitBreakerConfig breaker,
            RetryConfig retry,
            Predicate<Throwable> translated) {
        this.name = name;
        this.translated = translated;
        this.timeLimiter = TimeLimiter.of(
                name, TimeLimiterConfig.custom().timeoutDuration(timeout).build());
        this.breaker = registered(name, breaker);
        this.retry = registered(name, retry);
    }

    /**
     * A new breaker under {@code name}, in place of an older one in the metrics. An open breaker moves to half-open
     * by itself once its wait is over: otherwise it stays open until the next call, and a partner that calls
     * stopped for (a saga waiting out its backoff) would show, and alert, as down long after it came back.
     */
    private static synchronized CircuitBreaker registered(String name, CircuitBreakerConfig config) {
        BREAKERS.remove(name);
        return BREAKERS.circuitBreaker(
                name,
                CircuitBreakerConfig.from(config)
                        .automaticTransitionFromOpenToHalfOpenEnabled(true)
                        .build());
    }

    private static synchronized Retry registered(String name, RetryConfig config) {
        RETRIES.remove(name);
        return RETRIES.retry(name, config);
    }

    /**
     * The attempt under timeout, breaker and retries. {@code unexpected} translates what the attempt did
     * not translate itself (a timeout, a connection failure) into a transient error of the caller's type;
     * {@code circuitOpen} translates a call the open breaker refused.
     */
    public <T> Mono<T> call(
            Mono<T> attempt,
            Function<Throwable, Throwable> unexpected,
            Function<CallNotPermittedException, Throwable> circuitOpen) {
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start(Metrics.globalRegistry);
            // the last attempt's own error, before translation: a timeout is told apart from other failures by it
            AtomicReference<Throwable> lastAttempt = new AtomicReference<>();
            return attempt.transformDeferred(TimeLimiterOperator.of(timeLimiter))
                    .doOnError(lastAttempt::set)
                    .onErrorMap(translated.negate(), unexpected)
                    .transformDeferred(CircuitBreakerOperator.of(breaker))
                    .transformDeferred(RetryOperator.of(retry))
                    .doOnSuccess(value -> record(sample, "success"))
                    .doOnError(e -> record(sample, outcome(e, lastAttempt.get())))
                    .onErrorMap(CallNotPermittedException.class, circuitOpen);
        });
    }

    /** {@code rejected}, {@code timeout} or {@code failure}: how a call that failed ended. */
    static String outcome(Throwable error, Throwable lastAttempt) {
        if (error instanceof CallNotPermittedException) {
            return "rejected";
        }
        return lastAttempt instanceof TimeoutException ? "timeout" : "failure";
    }

    private void record(Timer.Sample sample, String outcome) {
        sample.stop(Timer.builder(CALLS)
                .tag("partner", name)
                .tag("outcome", outcome)
                .description("Partner calls, retries included, by how they ended")
                .register(Metrics.globalRegistry));
    }

    /** The breaker's state, for health and tests. */
    public CircuitBreaker.State state() {
        return breaker.getState();
    }
}
