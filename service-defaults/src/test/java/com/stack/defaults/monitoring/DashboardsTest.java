package com.stack.defaults.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.stack.defaults.monitoring.MonitoringFiles.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboards under {@code k8s/monitoring/dashboards/} are complete (every panel titled, reading the
 * dashboard's {@code ${datasource}}, with a query) and every query is valid PromQL. Validity is Prometheus' own
 * parser: the queries, Grafana's variables replaced by values, become the recording rules of a generated rule file
 * that {@code promtool check rules} parses and type-checks (an unknown function, a missing range, an aggregation
 * on a range vector, an unbalanced bracket all fail it).
 */
class DashboardsTest {

    static final Set<String> DASHBOARDS = Set.of(
            "overview.json",
            "deposit-saga.json",
            "withdrawal-saga.json",
            "order-saga.json",
            "partners.json",
            "gateway.json",
            "messaging.json");
    static final Map<String, String> VARIABLES =
            Map.of("$__rate_interval", "1m", "$service", ".*", "$partner", ".*", "$saga", ".*");
    static final Pattern VARIABLE = Pattern.compile("\\$\\{?\\w+}?");
    static final String DATASOURCE = "${datasource}";

    @Test
    void everyPanelHasATitleTheDashboardsDatasourceAndAQuery() throws Exception {
        Map<String, JsonNode> dashboards = MonitoringFiles.dashboards();
        assertThat(dashboards.keySet()).containsExactlyInAnyOrderElementsOf(DASHBOARDS);
        Set<String> uids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        dashboards.forEach((file, dashboard) -> {
            assertThat(dashboard.path("schemaVersion").asInt()).as(file).isEqualTo(39);
            assertThat(uids.add(dashboard.path("uid").asString()))
                    .as(file + " uid is unique")
                    .isTrue();
            assertThat(dashboard.path("title").asString()).as(file).isNotBlank();
            JsonNode datasource = variable(dashboard, "datasource");
            assertThat(datasource).as(file + " has a datasource variable").isNotNull();
            assertThat(datasource.path("type").asString()).isEqualTo("datasource");
            assertThat(datasource.path("query").asString()).isEqualTo("prometheus");
            assertThat(dashboard.path("panels").size()).as(file).isGreaterThan(3);
            for (JsonNode panel : dashboard.path("panels")) {
                String where = file + " panel " + panel.path("id").asInt() + " '"
                        + panel.path("title").asString() + "'";
                if (panel.path("title").asString().isBlank()) {
                    problems.add(where + ": no title");
                }
                if (!usesTheDatasourceVariable(panel)) {
                    problems.add(where + ": datasource is not " + DATASOURCE);
                }
                if (panel.path("targets").isEmpty()) {
                    problems.add(where + ": no query");
                }
                for (JsonNode target : panel.path("targets")) {
                    if (target.path("expr").asString().isBlank()) {
                        problems.add(where + " " + target.path("refId").asString() + ": an empty expr");
                    }
                    if (target.has("datasource") && !usesTheDatasourceVariable(target)) {
                        problems.add(
                                where + " " + target.path("refId").asString() + ": datasource is not " + DATASOURCE);
                    }
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void queriesUseOnlyTheKnownVariablesAndTheDashboardDefinesThem() throws Exception {
        List<String> problems = new ArrayList<>();
        MonitoringFiles.dashboards().forEach((file, dashboard) -> {
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    Matcher used = VARIABLE.matcher(target.path("expr").asString());
                    while (used.find()) {
                        String name = used.group();
                        if (!VARIABLES.containsKey(name)) {
                            problems.add(file + " '" + panel.path("title").asString() + "': unknown variable " + name);
                        } else if (!name.startsWith("$__") && variable(dashboard, name.substring(1)) == null) {
                            problems.add(
                                    file + " '" + panel.path("title").asString() + "': " + name + " is not defined");
                        }
                    }
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyQueryIsValidPromql(@TempDir Path scratch) throws Exception {
        List<Query> queries = MonitoringFiles.dashboardQueries();
        String output = checkAsRecordingRules(scratch, queries);
        assertThat(output).contains("SUCCESS: " + queries.size() + " rules found");
    }

    @Test
    void anInvalidQueryFailsTheCheck(@TempDir Path scratch) {
        Promtool.assumeInstalled();
        assertThatThrownBy(() -> checkAsRecordingRules(
                        scratch,
                        List.of(new Query("a panel", "sum(rate(up))"), new Query("another", "sum by (job) up"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("range vector");
    }

    /** Writes the queries as recording rules, one group per query, and runs {@code promtool check rules}. */
    private static String checkAsRecordingRules(Path scratch, List<Query> queries) throws Exception {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Query query : queries) {
            String expr = query.expr();
            for (Map.Entry<String, String> variable : VARIABLES.entrySet()) {
                expr = expr.replace(variable.getKey(), variable.getValue());
            }
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("record", "dashboard:query:" + groups.size());
            rule.put("expr", expr);
            groups.add(Map.of("name", query.where(), "rules", List.of(rule)));
        }
        Path rules = scratch.resolve("dashboards.rules.yml");
        Files.writeString(rules, new Yaml().dump(Map.of("groups", groups)));
        return Promtool.run(
                scratch, List.of("check", "rules", rules.getFileName().toString()));
    }

    private static boolean usesTheDatasourceVariable(JsonNode node) {
        return node.path("datasource").path("uid").asString().equals(DATASOURCE)
                && node.path("datasource").path("type").asString().equals("prometheus");
    }

    private static JsonNode variable(JsonNode dashboard, String name) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("name").asString().equals(name)) {
                return variable;
            }
        }
        return null;
    }
}
