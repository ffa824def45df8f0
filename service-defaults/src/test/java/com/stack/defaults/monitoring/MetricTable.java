package com.stack.defaults.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.stack.defaults.monitoring.PromQlSelectors.Selector;

/**
 * The metric table of {@code k8s/README.md} ("## Metrics"), the contract between the services that publish metrics
 * and the rules and dashboards that read them: a row's first column names its metrics (a trailing {@code *} names
 * a family, e.g. {@code jvm_*}), its type column says whether it is a timer (published as {@code _count},
 * {@code _sum}, {@code _bucket}, {@code _max}), its labels column lists its labels (every backquoted word; a
 * library row, with no type, may carry any label). Besides the table: {@code up} (Prometheus' own) and
 * kube-state-metrics' {@code kube_pod_container_status_restarts_total}, for Kubernetes-only rules.
 */
record MetricTable(List<Row> rows) {

    /** Labels every scraped series carries: the common tags and Prometheus' target labels. */
    static final Set<String> COMMON_LABELS = Set.of("service", "instance", "job");

    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");
    private static final List<String> TIMER_SUFFIXES = List.of("_count", "_sum", "_bucket", "_max");

    /**
     * One name of a row.
     *
     * @param anyLabels a library family whose labels the table does not list
     */
    record Row(String name, boolean timer, Set<String> labels, boolean anyLabels) {

        boolean names(String metric) {
            if (name.endsWith("*")) {
                return metric.startsWith(name.substring(0, name.length() - 1));
            }
            return metric.equals(name)
                    || timer && TIMER_SUFFIXES.stream().anyMatch(suffix -> metric.equals(name + suffix));
        }
    }

    static MetricTable read(Path readme) throws IOException {
        List<Row> rows = new ArrayList<>();
        boolean inMetrics = false;
        for (String line : Files.readAllLines(readme)) {
            if (line.startsWith("#")) {
                inMetrics = line.equals("## Metrics");
            } else if (inMetrics && line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                String type = cells[2].strip();
                Set<String> labels = new LinkedHashSet<>(quoted(cells[3]));
                for (String name : quoted(cells[1])) {
                    rows.add(new Row(name, type.contains("timer"), labels, type.isEmpty()));
                }
            }
        }
        rows.add(new Row("up", false, Set.of(), false));
        rows.add(new Row("kube_pod_container_status_restarts_total", false, Set.of(), true));
        return new MetricTable(rows);
    }

    /** What is wrong with a selector against the table: an unknown metric or label; empty when nothing is. */
    Optional<String> problem(Selector selector) {
        Optional<Row> row = rows.stream()
                .filter(candidate -> candidate.names(selector.metric()))
                .findFirst();
        if (row.isEmpty()) {
            return Optional.of(selector.metric() + " is not in the metric table");
        }
        if (row.get().anyLabels()) {
            return Optional.empty();
        }
        List<String> unknown = selector.labels().stream()
                .filter(label ->
                        !COMMON_LABELS.contains(label) && !row.get().labels().contains(label))
                .filter(label -> !(label.equals("le") && selector.metric().endsWith("_bucket")))
                .toList();
        return unknown.isEmpty()
                ? Optional.empty()
                : Optional.of(
                        selector.metric() + " has no label " + String.join(", ", unknown) + " in the metric table");
    }

    private static List<String> quoted(String cell) {
        List<String> words = new ArrayList<>();
        Matcher matcher = QUOTED.matcher(cell);
        while (matcher.find()) {
            words.add(matcher.group(1));
        }
        return words;
    }
}
