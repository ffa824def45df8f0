package com.stack.defaults.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.stack.defaults.monitoring.MonitoringFiles.Query;
import com.stack.defaults.monitoring.PromQlSelectors.Selector;
import org.junit.jupiter.api.Test;

/**
 * The alert rules, their unit tests and the dashboards read only the metrics and labels of the table in
 * {@code k8s/README.md}, which the services implement: a misspelt name or a label a metric does not have would
 * make a panel empty or an alert silent, in production, without an error.
 */
class MetricContractTest {

    @Test
    void everyMetricAndLabelOfTheRulesAndDashboardsIsInTheK8sReadmeTable() throws Exception {
        MetricTable table = MetricTable.read(MonitoringFiles.README);
        List<Query> queries = new ArrayList<>(MonitoringFiles.ruleExpressions());
        queries.addAll(MonitoringFiles.unitTestSeries());
        queries.addAll(MonitoringFiles.dashboardQueries());
        assertThat(queries).hasSizeGreaterThan(100);
        List<String> problems = new ArrayList<>();
        int selectors = 0;
        for (Query query : queries) {
            for (Selector selector : PromQlSelectors.of(query.expr())) {
                selectors++;
                table.problem(selector).ifPresent(problem -> problems.add(query.where() + ": " + problem));
            }
        }
        assertThat(selectors).isGreaterThanOrEqualTo(queries.size());
        assertThat(problems).isEmpty();
    }

    @Test
    void theTableRefusesUnknownMetricsAndLabels() throws Exception {
        MetricTable table = MetricTable.read(MonitoringFiles.README);
        assertThat(table.problem(new Selector("stack_saga_steps_seconds_bucket", Set.of("saga", "step", "le"))))
                .isEmpty();
        assertThat(table.problem(new Selector("jvm_memory_used_bytes", Set.of("area"))))
                .isEmpty();
        assertThat(table.problem(new Selector("stack_saga_stuck_total", Set.of())))
                .hasValue("stack_saga_stuck_total is not in the metric table");
        assertThat(table.problem(new Selector("resilience4j_circuitbreaker_state", Set.of("partner"))))
                .hasValue("resilience4j_circuitbreaker_state has no label partner in the metric table");
        assertThat(table.problem(new Selector("stack_outbox_lag_seconds", Set.of("le"))))
                .isPresent();
    }

    @Test
    void theScannerFindsEveryMetricAndItsLabels() {
        String expr = """
                sum by (saga, le) (rate(stack_saga_steps_seconds_bucket{saga="deposit", outcome!~"a|b{c}"}[5m] offset 1h))
                / on (saga) group_left (status) up > 0.5e1 and time() - max without (instance) (foo:bar)
                or label_replace(stack_saga_stuck { status = "x" }, "dst", "$1", "src", "(.*)")""";
        assertThat(PromQlSelectors.of(expr))
                .containsExactly(
                        new Selector("stack_saga_steps_seconds_bucket", Set.of("saga", "outcome")),
                        new Selector("up", Set.of()),
                        new Selector("foo:bar", Set.of()),
                        new Selector("stack_saga_stuck", Set.of("status")));
    }
}
