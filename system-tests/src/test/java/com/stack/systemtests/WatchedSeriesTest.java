package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link MonitoringTest} asks of an alert expression: the series it compares, not its threshold. */
class WatchedSeriesTest {

    @Test
    void theThresholdIsCutAndEachOperandOfASetOperatorIsKept() {
        assertThat(WatchedSeries.of("max by (saga) (stack_saga_stuck{status!=\"done\"}) > 0"))
                .containsExactly("max by (saga) (stack_saga_stuck{status!=\"done\"})");
        assertThat(WatchedSeries.of("rate(a[5m]) / rate(b[5m]) > 14.4 * 0.001 and on(service) rate(a[1h]) >= 2"))
                .containsExactly("rate(a[5m]) / rate(b[5m])", "rate(a[1h])");
        assertThat(WatchedSeries.of("up == 0")).containsExactly("up");
        assertThat(WatchedSeries.of("absent(stack_ledger_invariant_checked_timestamp_seconds)"))
                .containsExactly("stack_ledger_invariant_checked_timestamp_seconds");
        assertThat(WatchedSeries.of("x{result!~\"a|b\", name=\"or\"} unless y < 1"))
                .containsExactly("x{result!~\"a|b\", name=\"or\"}", "y");
    }
}
