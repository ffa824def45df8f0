package com.stack.defaults.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monitoring files under {@code k8s/}, read as Prometheus and Grafana read them: alert rule files
 * ({@code k8s/monitoring/rules/<part>.rules.yml}) and their promtool unit tests ({@code <part>.rules.test.yml}),
 * Grafana dashboards ({@code k8s/monitoring/dashboards/*.json}), and {@code k8s/README.md} (the metric table and
 * the runbooks).
 */
final class MonitoringFiles {

    static final Path K8S = Path.of("..", "k8s");
    static final Path RULES = K8S.resolve("monitoring").resolve("rules");
    static final Path DASHBOARDS = K8S.resolve("monitoring").resolve("dashboards");
    static final Path README = K8S.resolve("README.md");

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*(.+?)\\s*,\\s*(\\w+)\\s*\\)");

    /** An alerting rule: the file it is in, its name, expression, labels and annotations. */
    record Alert(String file, String name, String expr, Map<String, String> labels, Map<String, String> annotations) {}

    /** A PromQL expression and where it was found, for messages. */
    record Query(String where, String expr) {}

    private MonitoringFiles() {}

    /** The names of the files of {@code directory} ending with {@code suffix}, sorted. */
    static List<String> names(Path directory, String suffix) throws IOException {
        try (Stream<Path> listed = Files.list(directory)) {
            return listed.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(suffix))
                    .sorted()
                    .toList();
        }
    }

    static List<Alert> alerts() throws IOException {
        List<Alert> alerts = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> rule : entries(".rules.yml", "groups", "rules")) {
            if (rule.getValue().containsKey("alert")) {
                alerts.add(new Alert(
                        rule.getKey(),
                        (String) rule.getValue().get("alert"),
                        (String) rule.getValue().get("expr"),
                        strings(rule.getValue().get("labels")),
                        strings(rule.getValue().get("annotations"))));
            }
        }
        return alerts;
    }

    /** Every rule's expression, alerting or recording. */
    static List<Query> ruleExpressions() throws IOException {
        List<Query> queries = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> rule : entries(".rules.yml", "groups", "rules")) {
            Map<String, Object> fields = rule.getValue();
            Object name = fields.containsKey("alert") ? fields.get("alert") : fields.get("record");
            queries.add(new Query(rule.getKey() + " " + name, (String) fields.get("expr")));
        }
        return queries;
    }

    /** The series the unit tests feed the rules: they must be the metrics the services really publish. */
    static List<Query> unitTestSeries() throws IOException {
        return entries(".rules.test.yml", "tests", "input_series").stream()
                .map(input ->
                        new Query(input.getKey(), (String) input.getValue().get("series")))
                .toList();
    }

    /** The alerts the unit tests expect to fire, once or more each. */
    static List<String> alertsFiringInUnitTests() throws IOException {
        return entries(".rules.test.yml", "tests", "alert_rule_test").stream()
                .map(Map.Entry::getValue)
                .filter(check -> !list(check.get("exp_alerts")).isEmpty())
                .map(check -> (String) check.get("alertname"))
                .toList();
    }

    /**
     * The items two levels down the rule files (or unit test files) named {@code *suffix}: each
     * {@code outer[].inner[]} (e.g. {@code groups[].rules[]}) with the name of its file.
     */
    private static List<Map.Entry<String, Map<String, Object>>> entries(String suffix, String outer, String inner)
            throws IOException {
        List<Map.Entry<String, Map<String, Object>>> entries = new ArrayList<>();
        for (String file : names(RULES, suffix)) {
            for (Map<String, Object> item : list(yaml(RULES.resolve(file)).get(outer))) {
                for (Map<String, Object> entry : list(item.get(inner))) {
                    entries.add(Map.entry(file, entry));
                }
            }
        }
        return entries;
    }

    /** Each dashboard by file name. */
    static Map<String, JsonNode> dashboards() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, JsonNode> dashboards = new LinkedHashMap<>();
        for (String file : names(DASHBOARDS, ".json")) {
            dashboards.put(file, json.readTree(DASHBOARDS.resolve(file).toFile()));
        }
        return dashboards;
    }

    /**
     * Every PromQL expression of the dashboards, with Grafana's variables still in them: each panel target's
     * {@code expr}, and each variable query {@code label_values(<selector>, <label>)} as the PromQL it runs,
     * {@code group by (<label>) (<selector>)}.
     */
    static List<Query> dashboardQueries() throws IOException {
        List<Query> queries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> dashboard : dashboards().entrySet()) {
            for (JsonNode panel : dashboard.getValue().path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new Query(
                            dashboard.getKey() + " panel '"
                                    + panel.path("title").asString() + "' "
                                    + target.path("refId").asString(),
                            target.path("expr").asString()));
                }
            }
            for (JsonNode variable : dashboard.getValue().path("templating").path("list")) {
                if (variable.path("type").asString().equals("query")) {
                    JsonNode query = variable.path("query");
                    String text = query.isObject() ? query.path("query").asString() : query.asString();
                    Matcher labelValues = LABEL_VALUES.matcher(text);
                    assertThat(labelValues.matches())
                            .as(
                                    "%s variable %s: label_values(<selector>, <label>), not %s",
                                    dashboard.getKey(), variable.path("name").asString(), text)
                            .isTrue();
                    queries.add(new Query(
                            dashboard.getKey() + " variable "
                                    + variable.path("name").asString(),
                            "group by (" + labelValues.group(2) + ") (" + labelValues.group(1) + ")"));
                }
            }
        }
        return queries;
    }

    static Map<String, Object> yaml(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    private static Map<String, String> strings(Object value) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, text) -> strings.put(String.valueOf(key), String.valueOf(text)));
        }
        return strings;
    }
}
