package com.stack.defaults.resilience;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.boot.context.properties.bind.DefaultValue;
import reactor.core.publisher.Mono;

/**
 * The Resilience4j wiring a partner call shares: a timeout per attempt, a circuit breaker that counts only
 * transient failures, and retries with exponential backoff of transient failures only. Only calls that are
 * safe to repeat go through it: reads, and writes the partner dedupes by an idempotency key. One instance
 * per partner API, so one API's outage does not open another's breaker.
 */
public final class PartnerResilience {

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
    public record Settings(@DefaultValue("3s") Duration timeout, @DefaultValue("3") int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff, @DefaultValue("1s") Duration maxBackoff,
            @DefaultValue("50") float failureRateThreshold, @DefaultValue("10") int minimumCalls,
            @DefaultValue("20") int slidingWindow, @DefaultValue("10s") Duration openStateWait) {
    }

    private final TimeLimiter timeLimiter;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Predicate<Throwable> translated;

    /**
     * @param isTransient whether a translated error may go away when asked again (retried, counted by the breaker)
     * @param translated  whether an error is already one of the adapter's own
     */
    public PartnerResilience(String name, Settings settings, Predicate<Throwable> isTransient,
            Predicate<Throwable> translated) {
        this.translated = translated;
        this.timeLimiter = TimeLimiter.of(name, TimeLimiterConfig.custom().timeoutDuration(settings.timeout()).build());
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .minimumNumberOfCalls(settings.minimumCalls())
                .slidingWindowSize(settings.slidingWindow())
                .waitDurationInOpenState(settings.openStateWait())
                .recordException(isTransient)
                .build());
        this.retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(Math.max(1, settings.maxAttempts()))
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.initialBackoff(), 2.0,
                        settings.maxBackoff()))
                .retryOnException(isTransient)
                .build());
    }

    /**
     * The attempt under timeout, breaker and retries. {@code unexpected} translates what the attempt did
     * not translate itself (a timeout, a connection failure) into a transient error of the caller's type;
     * {@code circuitOpen} translates a call the open breaker refused.
     */
    public <T> Mono<T> call(Mono<T> attempt, Function<Throwable, Throwable> unexpected,
            Function<CallNotPermittedException, Throwable> circuitOpen) {
        return attempt
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .onErrorMap(translated.negate(), unexpected)
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .transformDeferred(RetryOperator.of(retry))
                .onErrorMap(CallNotPermittedException.class, circuitOpen);
    }

    /** The breaker's state, for health and tests. */
    public CircuitBreaker.State state() {
        return breaker.getState();
    }
}
