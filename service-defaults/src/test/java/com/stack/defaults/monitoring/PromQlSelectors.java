package com.stack.defaults.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series selectors of a PromQL expression: each metric name with the label names it matches on. Not a PromQL
 * parser (promtool checks the syntax); a scanner that knows what is not a metric name: strings, ranges and
 * durations, numbers, function names (followed by {@code (}), aggregation operators (also followed by
 * {@code by (...)} or {@code without (...)}), the label lists of {@code by}, {@code without}, {@code on},
 * {@code ignoring}, {@code group_left} and {@code group_right}, and keywords.
 */
final class PromQlSelectors {

    /** A metric name and the labels its selector matches on. */
    record Selector(String metric, Set<String> labels) {}

    private static final Set<String> LABEL_LISTS =
            Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "offset",
            "bool",
            "inf",
            "nan",
            "atan2",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "sum",
            "min",
            "max",
            "avg",
            "group",
            "stddev",
            "stdvar",
            "count",
            "count_values",
            "bottomk",
            "topk",
            "quantile");
    private static final Pattern MATCHER = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(?:=~|!~|!=|=)");

    private PromQlSelectors() {}

    static List<Selector> of(String expr) {
        List<Selector> selectors = new ArrayList<>();
        String metric = null;
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (metric != null && !Character.isWhitespace(c) && c != '{') {
                selectors.add(new Selector(metric, Set.of()));
                metric = null;
            }
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(expr, i);
            } else if (c == '{') {
                int end = closing(expr, i, '}');
                if (metric == null) {
                    throw new IllegalArgumentException("a selector without a metric name in " + expr);
                }
                selectors.add(new Selector(metric, labels(expr.substring(i + 1, end))));
                metric = null;
                i = end + 1;
            } else if (c == '[') {
                i = closing(expr, i, ']') + 1;
            } else if (Character.isDigit(c) || c == '.') {
                i = afterWord(expr, i);
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int end = afterWord(expr, i);
                String word = expr.substring(i, end);
                int next = end;
                while (next < expr.length() && Character.isWhitespace(expr.charAt(next))) {
                    next++;
                }
                boolean call = next < expr.length() && expr.charAt(next) == '(';
                if (call && LABEL_LISTS.contains(word)) {
                    i = closing(expr, next, ')') + 1;
                } else {
                    if (!call && !KEYWORDS.contains(word.toLowerCase(Locale.ROOT))) {
                        metric = word;
                    }
                    i = end;
                }
            } else {
                i++;
            }
        }
        if (metric != null) {
            selectors.add(new Selector(metric, Set.of()));
        }
        return selectors;
    }

    private static Set<String> labels(String matchers) {
        StringBuilder withoutStrings = new StringBuilder();
        int i = 0;
        while (i < matchers.length()) {
            char c = matchers.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(matchers, i);
            } else {
                withoutStrings.append(c);
                i++;
            }
        }
        Set<String> labels = new LinkedHashSet<>();
        Matcher matcher = MATCHER.matcher(withoutStrings);
        while (matcher.find()) {
            labels.add(matcher.group(1));
        }
        return labels;
    }

    private static int afterWord(String expr, int from) {
        int i = from;
        while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || "_:.".indexOf(expr.charAt(i)) >= 0)) {
            i++;
        }
        return i;
    }

    private static int afterString(String expr, int from) {
        char quote = expr.charAt(from);
        int i = from + 1;
        while (i < expr.length() && expr.charAt(i) != quote) {
            i += expr.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }

    /** The index of the bracket closing the one at {@code from}, skipping strings and nested brackets. */
    private static int closing(String expr, int from, char close) {
        char open = expr.charAt(from);
        int depth = 0;
        int i = from;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = afterString(expr, i);
                continue;
            }
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException("no '" + close + "' closes the '" + open + "' at " + from + " in " + expr);
    }
}
