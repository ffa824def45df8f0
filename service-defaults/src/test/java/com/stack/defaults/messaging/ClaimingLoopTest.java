package com.stack.defaults.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The claiming loop drains a backlog larger than one batch in one pass, and counts what it claimed. */
class ClaimingLoopTest {

    static final class Rows extends ClaimingLoop<Integer> {

        final Deque<Integer> due = new ArrayDeque<>();
        final List<Integer> worked = new ArrayList<>();
        final List<Integer> claimSizes = new ArrayList<>();

        Rows(int backlog) {
            super(new Schedule(true, Duration.ofSeconds(5), 20, Duration.ofMinutes(2)));
            IntStream.range(0, backlog).forEach(due::add);
        }

        @Override
        protected Flux<Integer> claim(Duration lease, int batchSize) {
            List<Integer> claimed = new ArrayList<>();
            while (claimed.size() < batchSize && !due.isEmpty()) {
                claimed.add(due.poll());
            }
            claimSizes.add(claimed.size());
            return Flux.fromIterable(claimed);
        }

        @Override
        protected Mono<Void> work(Integer row) {
            return Mono.fromRunnable(() -> worked.add(row));
        }
    }

    @Test
    void aBacklogOfSeveralBatchesDrainsInOnePass() {
        Rows rows = new Rows(45);

        StepVerifier.create(rows.drain()).expectNext(45L).verifyComplete();

        assertThat(rows.worked).hasSize(45);
        assertThat(rows.claimSizes).containsExactly(20, 20, 5);
    }

    @Test
    void aFullLastBatchLooksOnceMoreAndAnEmptyTableClaimsOnce() {
        Rows exactly = new Rows(40);
        StepVerifier.create(exactly.drain()).expectNext(40L).verifyComplete();
        assertThat(exactly.claimSizes).containsExactly(20, 20, 0);

        Rows none = new Rows(0);
        StepVerifier.create(none.drain()).expectNext(0L).verifyComplete();
        assertThat(none.claimSizes).containsExactly(0);
    }
}
