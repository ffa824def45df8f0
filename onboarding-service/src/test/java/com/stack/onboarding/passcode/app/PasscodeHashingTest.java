package com.stack.onboarding.passcode.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.stack.defaults.errors.RetryLaterException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class PasscodeHashingTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void beyondTheConcurrentAndQueuedRequestsOneMoreIsRefusedBusyWithoutRunning() {
        try (PasscodeHashing hashing =
                new PasscodeHashing(new PasscodeHashing.Settings(1, 2, Duration.ofSeconds(2)), meters)) {
            Sinks.Empty<Void> release = Sinks.empty();
            for (int i = 0; i < 3; i++) {
                hashing.whenAdmitted(hasher -> release.asMono()).subscribe();
            }
            boolean[] ran = {false};

            StepVerifier.create(hashing.whenAdmitted(hasher -> Mono.fromRunnable(() -> ran[0] = true)))
                    .expectErrorSatisfies(error -> {
                        assertThat(error).isInstanceOf(RetryLaterException.class);
                        assertThat(((RetryLaterException) error).code()).isEqualTo("BUSY");
                        assertThat(((RetryLaterException) error).retryAfterSeconds())
                                .isEqualTo(2);
                    })
                    .verify(Duration.ofSeconds(5));
            assertThat(ran[0]).isFalse();
            assertThat(hashing.admitted()).isEqualTo(3);
            assertThat(meters.counter("stack.onboarding.passcode.hashing.refused")
                            .count())
                    .isEqualTo(1);

            release.tryEmitEmpty();
            assertThat(hashing.admitted()).isZero();
            StepVerifier.create(hashing.whenAdmitted(hasher -> Mono.just("admitted again")))
                    .expectNext("admitted again")
                    .verifyComplete();
        }
    }

    @Test
    void hashesRunOnTheirOwnThreadsNoMoreAtOnceThanAllowed() {
        try (PasscodeHashing hashing =
                new PasscodeHashing(new PasscodeHashing.Settings(2, 10, Duration.ofSeconds(1)), meters)) {
            Set<String> threads = ConcurrentHashMap.newKeySet();

            Flux.range(0, 8)
                    .flatMap(i -> hashing.whenAdmitted(hasher -> hasher.hash("4826")
                            .doOnNext(hash -> threads.add(Thread.currentThread().getName()))
                            .flatMap(hash -> hasher.matches("4826", hash))))
                    .as(StepVerifier::create)
                    .expectNextCount(8)
                    .verifyComplete();

            assertThat(threads)
                    .hasSizeBetween(1, 2)
                    .allSatisfy(name -> assertThat(name).startsWith("passcode-hashing"));
            assertThat(meters.timer("stack.onboarding.passcode.hashes").count()).isEqualTo(16);
            assertThat(hashing.admitted()).isZero();
        }
    }
}
