package com.stack.funding.partner.adapters.circle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The bound on key lookups, on a clock the test moves. */
class KeyLookupBudgetTest {

    final AtomicLong now =
            new AtomicLong(Long.MAX_VALUE - Duration.ofSeconds(30).toNanos()); // wraps around: nanoTime may
    final KeyLookupBudget budget = new KeyLookupBudget(6, Duration.ofMinutes(1), now::get);

    void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void aFullBudgetGivesItsLookupsAtOnceThenOneEveryShareOfThePeriod() {
        for (int i = 0; i < 6; i++) {
            assertThat(budget.take()).isZero();
        }
        assertThat(budget.take()).isEqualTo(Duration.ofSeconds(10));

        advance(Duration.ofSeconds(4));
        assertThat(budget.take()).isEqualTo(Duration.ofSeconds(6));
        advance(Duration.ofSeconds(6));
        assertThat(budget.take()).isZero();
        assertThat(budget.take()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void anIdleBudgetFillsUpToItsSizeAndNoMore() {
        for (int i = 0; i < 6; i++) {
            budget.take();
        }
        advance(Duration.ofHours(1));
        for (int i = 0; i < 6; i++) {
            assertThat(budget.take()).isZero();
        }
        assertThat(budget.take()).isPositive();
    }
}
