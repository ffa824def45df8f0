package com.stack.defaults.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The reconciler skeleton: every stuck saga is tried, one failure stops none of the others, moved ones are counted. */
class StuckSagaReconcilerTest {

    static final StuckSagaReconciler.Schedule SCHEDULE =
            new StuckSagaReconciler.Schedule(true, Duration.ofSeconds(30), Duration.ofMinutes(2), 3);

    /** Sagas named by what reconciling them does: "moved", "unchanged" or "fails". */
    static final class Sagas extends StuckSagaReconciler<String> {

        final List<String> stuck;
        final List<String> tried = new ArrayList<>();
        final AtomicInteger refreshed = new AtomicInteger();
        Duration askedStuckAfter;
        int askedBatch;

        Sagas(List<String> stuck) {
            super(SCHEDULE);
            this.stuck = stuck;
        }

        @Override
        protected Flux<String> stuck(Duration stuckAfter, int batchSize) {
            askedStuckAfter = stuckAfter;
            askedBatch = batchSize;
            return Flux.fromIterable(stuck).take(batchSize);
        }

        @Override
        protected Mono<Boolean> reconcileOne(String saga) {
            tried.add(saga);
            return saga.startsWith("fails")
                    ? Mono.error(new IllegalStateException("partner down"))
                    : Mono.just(saga.startsWith("moved"));
        }

        @Override
        protected String describe(String saga) {
            return "saga " + saga;
        }

        @Override
        public Mono<Void> refreshMetrics() {
            return Mono.fromRunnable(refreshed::incrementAndGet);
        }
    }

    @Test
    void aFailingSagaIsLeftForTheNextPassAndTheOthersAreStillReconciled() {
        Sagas sagas = new Sagas(List.of("fails-1", "moved-1", "unchanged-1"));

        StepVerifier.create(sagas.reconcile()).expectNext(1L).verifyComplete();

        assertThat(sagas.tried).containsExactly("fails-1", "moved-1", "unchanged-1");
        assertThat(sagas.askedStuckAfter).isEqualTo(Duration.ofMinutes(2));
        assertThat(sagas.askedBatch).isEqualTo(3);
    }

    @Test
    void aPassReconcilesThenRefreshesTheGaugesAndFollowsTheSchedule() {
        Sagas sagas = new Sagas(List.of("moved-1", "moved-2", "moved-3", "moved-4"));

        StepVerifier.create(sagas.pass(false)).verifyComplete();

        assertThat(sagas.tried).hasSize(3);
        assertThat(sagas.refreshed).hasValue(1);
        assertThat(sagas.sweepInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(sagas.isAutoStartup()).isTrue();
    }
}
