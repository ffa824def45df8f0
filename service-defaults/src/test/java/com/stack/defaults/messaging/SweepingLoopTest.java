package com.stack.defaults.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sweeps still happen under steady wake-ups: a wake-up that arrives while a pass runs must not take the
 * place of a sweep that came due meanwhile (what runs on sweeps only, gauges and retention, would never run).
 */
class SweepingLoopTest {

    @Test
    void sweepsComeDueEvenWhileWakeUpsKeepArriving() throws InterruptedException {
        AtomicInteger sweeps = new AtomicInteger();
        AtomicInteger woken = new AtomicInteger();
        SweepingLoop loop = new SweepingLoop() {
            @Override
            protected Duration sweepInterval() {
                return Duration.ofMillis(100);
            }

            @Override
            protected Mono<Void> pass(boolean wokenUp) {
                (wokenUp ? woken : sweeps).incrementAndGet();
                // a pass that takes a while, as a claim and a publish do
                return Mono.delay(Duration.ofMillis(30)).then();
            }
        };
        loop.start();
        // a commit every few milliseconds, each waking the loop
        Disposable commits = Flux.interval(Duration.ofMillis(3)).subscribe(tick -> loop.wake());
        try {
            Thread.sleep(2_000);
        } finally {
            commits.dispose();
            loop.stop();
        }

        assertThat(woken.get()).isPositive();
        // about one sweep per 100 ms interval over 2 s: every interval's sweep happened, folded into a pass
        assertThat(sweeps.get()).isGreaterThanOrEqualTo(12);
    }
}
