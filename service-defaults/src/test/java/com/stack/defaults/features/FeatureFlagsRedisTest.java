package com.stack.defaults.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.stack.testsupport.TcpProxy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link FeatureFlags} against the real Redis on 127.0.0.1:6379 (infra/redis.sh), through a {@link TcpProxy} a test
 * can take down: the snapshot follows an announced change without waiting for the poll, an older set never
 * replaces a newer one, a Redis that is down leaves the last snapshot in use (and counted), and a read is answered
 * on a non-blocking thread (BlockHound runs in this JVM).
 */
class FeatureFlagsRedisTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final UUID ADA = UUID.randomUUID();

    final String key = "stack:test:feature-flags:" + UUID.randomUUID();
    final TcpProxy proxy = new TcpProxy("127.0.0.1", 6379);
    final LettuceConnectionFactory connections = connect(proxy.port());
    final RedisFeatureFlagSets sets = new RedisFeatureFlagSets(new ReactiveStringRedisTemplate(connections), key);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** Polls every 30 s, as in production: anything sooner in a test came from an announcement. */
    final FeatureFlags flags = new FeatureFlags(sets, Duration.ofSeconds(30), Duration.ofMillis(500), meters);

    static LettuceConnectionFactory connect(int port) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", port),
                LettuceClientConfiguration.builder()
                        .commandTimeout(Duration.ofSeconds(5))
                        .build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    @AfterEach
    void close() {
        flags.stop();
        connections.destroy();
        proxy.close();
    }

    static FeatureFlagSet set(long version, FeatureFlag... flags) {
        return new FeatureFlagSet(version, List.of(flags));
    }

    static FeatureFlag everyone(String name) {
        return new FeatureFlag(name, "", true, 100, Set.of(), Set.of());
    }

    static FeatureFlag nobody(String name) {
        return new FeatureFlag(name, "", false, 100, Set.of(), Set.of());
    }

    void awaitVersion(long version) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (flags.version().orElse(-1) != version) {
            assertThat(System.nanoTime())
                    .as("snapshot version %d in time", version)
                    .isLessThan(deadline);
            sleep(20);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void beforeTheFirstLoadEveryFlagAnswersItsDefault() {
        assertThat(flags.isOn("options-trading", FeatureSubject.user(ADA), true))
                .isTrue();
        assertThat(flags.isOn("options-trading", FeatureSubject.user(ADA), false))
                .isFalse();
        assertThat(flags.onFor(FeatureSubject.user(ADA))).isEmpty();
    }

    @Test
    void anAnnouncedChangeReplacesTheSnapshotWithoutWaitingForThePoll() {
        assertThat(sets.write(set(1, everyone("b-flag"), everyone("a-flag"), nobody("c-flag")))
                        .block(TIMEOUT))
                .isTrue();
        flags.start();
        awaitVersion(1);
        assertThat(flags.onFor(FeatureSubject.user(ADA))).containsExactly("a-flag", "b-flag");
        assertThat(flags.isOn("unknown-flag", FeatureSubject.user(ADA), true)).isTrue();

        assertThat(sets.write(set(2, nobody("a-flag"))).block(TIMEOUT)).isTrue();
        awaitVersion(2);
        assertThat(flags.isOn("a-flag", FeatureSubject.user(ADA), true)).isFalse();
        assertThat(flags.isOn("b-flag", FeatureSubject.user(ADA), true))
                .as("no longer defined: the default")
                .isTrue();
    }

    @Test
    void anOlderSetNeverReplacesANewerOne() {
        assertThat(sets.write(set(5, everyone("a-flag"))).block(TIMEOUT)).isTrue();
        assertThat(sets.write(set(4, nobody("a-flag"))).block(TIMEOUT)).isFalse();
        assertThat(sets.write(set(5, nobody("a-flag"))).block(TIMEOUT)).isFalse();

        flags.refresh().block(TIMEOUT);
        assertThat(flags.version()).hasValue(5);
        assertThat(flags.isOn("a-flag", FeatureSubject.user(ADA), false)).isTrue();
    }

    @Test
    void withRedisDownTheLastSnapshotStaysAndTheFailureIsCounted() {
        sets.write(set(1, everyone("a-flag"))).block(TIMEOUT);
        flags.refresh().block(TIMEOUT);

        proxy.refuse();
        flags.refresh().block(TIMEOUT);
        flags.refresh().block(TIMEOUT);

        assertThat(meters.counter(FeatureFlags.REFRESH_FAILURES).count()).isEqualTo(2);
        assertThat(flags.isOn("a-flag", FeatureSubject.user(ADA), false)).isTrue();

        proxy.open();
        sets.write(set(2, nobody("a-flag"))).block(TIMEOUT);
        flags.refresh().block(TIMEOUT);
        assertThat(flags.isOn("a-flag", FeatureSubject.user(ADA), true)).isFalse();
    }

    @Test
    void aReadIsAnsweredOnANonBlockingThread() {
        sets.write(set(1, everyone("a-flag"))).block(TIMEOUT);
        flags.refresh().block(TIMEOUT);

        Boolean on = Mono.fromCallable(() -> flags.isOn("a-flag", FeatureSubject.user(ADA), false)
                        && flags.onFor(FeatureSubject.user(ADA)).equals(List.of("a-flag")))
                .subscribeOn(Schedulers.parallel())
                .block(TIMEOUT);
        assertThat(on).isTrue();
    }
}
