package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The chaos run is repeatable from its seed: the same seed draws the same faults and flows, another seed others. */
class ChaosScheduleTest {

    static final Duration FIRST = Duration.ofSeconds(60);
    static final Duration SPACING = Duration.ofSeconds(50);
    static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    void aSeedDrawsOneScheduleWithEveryFaultOnce() {
        List<ChaosSchedule.Fault> faults = ChaosSchedule.draw(7, FIRST, SPACING, OUTAGE, "stack_funding");

        assertThat(ChaosSchedule.draw(7, FIRST, SPACING, OUTAGE, "stack_funding")).isEqualTo(faults);
        assertThat(ChaosSchedule.draw(8, FIRST, SPACING, OUTAGE, "stack_funding")).isNotEqualTo(faults);
        assertThat(faults).extracting(ChaosSchedule.Fault::target).containsExactlyInAnyOrder("gateway", "onboarding-service",
                "wallet-service", "funding-service", "investing-service", "aicfo-service", "kafka", "redis", "stack_funding");
        assertThat(faults).extracting(ChaosSchedule.Fault::at).containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(110),
                Duration.ofSeconds(160), Duration.ofSeconds(210), Duration.ofSeconds(260), Duration.ofSeconds(310),
                Duration.ofSeconds(360), Duration.ofSeconds(410), Duration.ofSeconds(460));
        assertThat(faults).filteredOn(fault -> fault.kind() != ChaosSchedule.Kind.KILL)
                .allSatisfy(fault -> assertThat(fault.lasts()).isEqualTo(OUTAGE));
        // the webhook ingress stays down past Circle's retries; every other service starts again at once
        assertThat(faults).filteredOn(fault -> fault.kind() == ChaosSchedule.Kind.KILL)
                .allSatisfy(fault -> assertThat(fault.lasts())
                        .isEqualTo(fault.target().equals("gateway") ? ChaosSchedule.GATEWAY_DOWN : Duration.ZERO));
        // the sandbox is the outside world whose records the run checks: never killed
        assertThat(faults).noneMatch(fault -> fault.target().equals("partner-sandbox"));
    }

    @Test
    void aSeedDrawsTheSameFlowsAtTheSameTimes() {
        List<ChaosBenchmark.Flow> flows = ChaosBenchmark.draw(7, 1200, Duration.ofSeconds(540), 200, "run");

        assertThat(ChaosBenchmark.draw(7, 1200, Duration.ofSeconds(540), 200, "run")).isEqualTo(flows);
        assertThat(ChaosBenchmark.draw(8, 1200, Duration.ofSeconds(540), 200, "run")).isNotEqualTo(flows);
        assertThat(flows).extracting(ChaosBenchmark.Flow::key).doesNotHaveDuplicates()
                .allMatch(key -> key.matches("[a-z0-9]+"), "a key is also a transaction hash: letters and digits");
        assertThat(flows.get(1199).at()).isLessThan(Duration.ofSeconds(540));
        Map<String, Long> families = flows.stream().collect(Collectors.groupingBy(ChaosBenchmark.Flow::family,
                Collectors.counting()));
        // 40% deposits, 30% withdrawals, 30% orders, within what 1,200 draws vary by
        assertThat(families.get("deposit")).isBetween(420L, 540L);
        assertThat(families.get("withdrawal")).isBetween(300L, 420L);
        assertThat(families.get("order")).isBetween(300L, 420L);
        assertThat(flows).allSatisfy(flow -> assertThat(flow.user()).isBetween(0, 199));
    }
}
