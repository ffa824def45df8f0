package com.stack.defaults.features;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.stack.defaults.messaging.BackgroundLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The feature flags as this instance last read them, for gating a capability per user. A read never waits: it
 * evaluates the immutable snapshot held here ({@link FeatureFlag#isOnFor}). The snapshot is loaded in the
 * background at startup, again whenever onboarding announces a change on Redis, and every
 * {@code refresh-interval} in case an announcement was missed; until the first load, and for a flag the set does
 * not define, every read answers its caller's default. When Redis cannot be read the last snapshot stays: the
 * failure is logged once (until a read succeeds again) and counted in {@value #REFRESH_FAILURES}.
 */
public class FeatureFlags extends BackgroundLoop {

    public static final String REFRESH_FAILURES = "stack.features.refresh.failures";

    private static final Logger log = LoggerFactory.getLogger(FeatureFlags.class);

    private final RedisFeatureFlagSets sets;
    private final Duration refreshInterval;
    private final Duration readTimeout;
    private final Counter failures;
    private final AtomicReference<FeatureFlagSet> snapshot = new AtomicReference<>();
    private final AtomicBoolean failing = new AtomicBoolean();

    /**
     * @param readTimeout how long one read of the set may take (Lettuce queues commands while Redis is away: a
     *        read would otherwise wait for its return)
     */
    public FeatureFlags(
            RedisFeatureFlagSets sets, Duration refreshInterval, Duration readTimeout, MeterRegistry meters) {
        this.sets = Objects.requireNonNull(sets, "sets");
        this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        this.failures = Counter.builder(REFRESH_FAILURES)
                .description("Reads of the feature flags from Redis that failed (the last snapshot stayed)")
                .register(meters);
    }

    /**
     * Whether the flag is on for the subject.
     *
     * @param whenUnknown the answer while no set is loaded yet or when the set has no such flag: true keeps a
     *        capability that existed before its flag as it was
     */
    public boolean isOn(String flag, FeatureSubject subject, boolean whenUnknown) {
        FeatureFlagSet set = snapshot.get();
        if (set == null) {
            return whenUnknown;
        }
        return set.flags().stream()
                .filter(f -> f.name().equals(flag))
                .findFirst()
                .map(f -> f.isOnFor(subject))
                .orElse(whenUnknown);
    }

    /** The names of the flags on for the subject, sorted; none before the first load. */
    public List<String> onFor(FeatureSubject subject) {
        FeatureFlagSet set = snapshot.get();
        return set == null
                ? List.of()
                : set.flags().stream()
                        .filter(f -> f.isOnFor(subject))
                        .map(FeatureFlag::name)
                        .toList();
    }

    /** The version of the snapshot in use; empty before the first load. */
    public OptionalLong version() {
        FeatureFlagSet set = snapshot.get();
        return set == null ? OptionalLong.empty() : OptionalLong.of(set.version());
    }

    /**
     * Reads the set from Redis and keeps it if it is newer than the snapshot; a failure is logged, counted and
     * swallowed. Completes when done.
     */
    public Mono<Void> refresh() {
        return sets.read()
                .timeout(readTimeout)
                .doOnNext(this::keepIfNewer)
                .doOnSuccess(read -> {
                    if (failing.compareAndSet(true, false)) {
                        log.info("Feature flags read from Redis again");
                    }
                })
                .onErrorResume(e -> {
                    failures.increment();
                    if (failing.compareAndSet(false, true)) {
                        log.warn(
                                "Feature flags not read from Redis; the last ones stay in use until a read succeeds: {}",
                                e.toString());
                    }
                    return Mono.empty();
                })
                .then();
    }

    private void keepIfNewer(FeatureFlagSet read) {
        snapshot.accumulateAndGet(
                read,
                (current, candidate) ->
                        current == null || candidate.version() > current.version() ? candidate : current);
    }

    /**
     * Two loops: a refresh every interval (the first at once), and a refresh on each announcement (one more once
     * the listening is in place, for a change announced while it was not). Announcements that arrive during a
     * refresh collapse into one more.
     */
    @Override
    protected Disposable begin() {
        Flux<Void> polling = Flux.interval(Duration.ZERO, refreshInterval)
                .onBackpressureDrop()
                .concatMap(tick -> refresh(), 1);
        Flux<Void> onAnnouncements = sets.changes()
                .flatMapMany(versions -> Flux.merge(Mono.just("listening"), versions))
                .onBackpressureLatest()
                .concatMap(version -> refresh(), 1)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(refreshInterval));
        return Flux.merge(polling, onAnnouncements).subscribe();
    }
}
