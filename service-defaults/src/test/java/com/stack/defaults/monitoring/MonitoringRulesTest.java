package com.stack.defaults.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.stack.defaults.monitoring.MonitoringFiles.Alert;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus alert rules under {@code k8s/monitoring/rules/} are valid ({@code promtool check rules}), behave
 * as their unit tests say ({@code promtool test rules}: e.g. PartnerCircuitOpen fires after a minute of an open
 * breaker and resolves once it closes), every alert fires in at least one of those tests, and every alert tells
 * the person it wakes how bad it is, what happened and where the runbook is.
 */
class MonitoringRulesTest {

    static final Set<String> SEVERITIES = Set.of("critical", "warning");
    static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$");

    @Test
    void alertRulesAreValid() throws Exception {
        List<String> files = MonitoringFiles.names(MonitoringFiles.RULES, ".rules.yml");
        assertThat(files).contains("messaging.rules.yml", "sagas.rules.yml", "partners.rules.yml");
        List<String> arguments = new ArrayList<>(List.of("check", "rules"));
        arguments.addAll(files);
        String output = Promtool.run(MonitoringFiles.RULES, arguments);
        assertThat(output).doesNotContain("WARNING");
    }

    @Test
    void alertRulesBehaveAsTheirUnitTestsSay() throws Exception {
        List<String> files = MonitoringFiles.names(MonitoringFiles.RULES, ".rules.test.yml");
        List<String> arguments = new ArrayList<>(List.of("test", "rules"));
        arguments.addAll(files);
        Promtool.run(MonitoringFiles.RULES, arguments);
    }

    @Test
    void everyRuleFileHasUnitTestsInWhichEachOfItsAlertsFires() throws Exception {
        for (String file : MonitoringFiles.names(MonitoringFiles.RULES, ".rules.yml")) {
            assertThat(MonitoringFiles.RULES.resolve(file.replace(".rules.yml", ".rules.test.yml")))
                    .exists();
        }
        Set<String> alerts =
                new TreeSet<>(MonitoringFiles.alerts().stream().map(Alert::name).toList());
        assertThat(alerts)
                .contains(
                        "SagaStuck",
                        "PartnerCircuitOpen",
                        "LedgerInvariantBroken",
                        "OutboxBacklog",
                        "GatewayErrorBudgetBurn");
        assertThat(MonitoringFiles.alertsFiringInUnitTests()).containsAll(alerts);
    }

    @Test
    void everyAlertHasASeveritySummaryDescriptionAndRunbook() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Alert alert : MonitoringFiles.alerts()) {
            String where = alert.file() + " " + alert.name() + ": ";
            if (!SEVERITIES.contains(alert.labels().get("severity"))) {
                problems.add(where + "severity is not one of " + SEVERITIES);
            }
            for (String annotation : List.of("summary", "description")) {
                if (alert.annotations().getOrDefault(annotation, "").isBlank()) {
                    problems.add(where + "no " + annotation);
                }
            }
            if (!runbookAnchor(alert).isPresent()) {
                problems.add(
                        where + "runbook is not k8s/README.md#" + alert.name().toLowerCase(Locale.ROOT));
            }
            boolean kubernetesOnly = alert.expr().contains("kube_");
            if (kubernetesOnly != "kubernetes".equals(alert.labels().get("scope"))) {
                problems.add(where + "scope: kubernetes must label exactly the rules reading kube-state-metrics");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theAlertsTheLiveTestWaitsForNameTheirSagaAndPartner() throws Exception {
        List<Alert> alerts = MonitoringFiles.alerts();
        assertThat(alerts)
                .filteredOn(alert -> alert.name().equals("SagaStuck"))
                .singleElement()
                .satisfies(alert -> assertThat(alert.expr()).contains("saga"));
        assertThat(alerts)
                .filteredOn(alert -> alert.name().equals("PartnerCircuitOpen"))
                .singleElement()
                .satisfies(alert ->
                        assertThat(alert.expr()).contains("resilience4j_circuitbreaker_state{state=\"open\"}", "name"));
    }

    /**
     * Every runbook annotation points at a heading of {@code k8s/README.md} (GitHub's anchor: the heading in lower
     * case, punctuation dropped, spaces as dashes). The runbooks are written there from the monitoring change's
     * texts: this fails until they are.
     */
    @Test
    void everyAlertHasARunbookInK8sReadme() throws Exception {
        Set<String> anchors = new TreeSet<>();
        for (String line : Files.readAllLines(MonitoringFiles.README)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                anchors.add(heading.group(1)
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-'));
            }
        }
        List<String> missing = MonitoringFiles.alerts().stream()
                .map(MonitoringRulesTest::runbookAnchor)
                .flatMap(java.util.Optional::stream)
                .filter(anchor -> !anchors.contains(anchor))
                .distinct()
                .toList();
        assertThat(missing).as("runbook sections missing from k8s/README.md").isEmpty();
    }

    private static java.util.Optional<String> runbookAnchor(Alert alert) {
        String expected = "k8s/README.md#" + alert.name().toLowerCase(Locale.ROOT);
        return expected.equals(alert.annotations().get("runbook"))
                ? java.util.Optional.of(alert.name().toLowerCase(Locale.ROOT))
                : java.util.Optional.empty();
    }
}
