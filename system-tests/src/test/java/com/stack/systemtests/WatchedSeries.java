package com.stack.systemtests;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series an alert expression watches: its operands without the threshold. An alert's query answers nothing
 * while all is well ({@code x > 0} is empty when x is 0), so "the alert's query returns data" is asked of what
 * it compares: each operand of a top-level {@code and}/{@code or}/{@code unless}, cut before its top-level
 * comparison ({@code ==, !=, >, <, >=, <=}), and {@code absent(x)} read as {@code x}.
 */
final class WatchedSeries {

    private static final Pattern SET_OPERATOR = Pattern.compile("\\s(and|or|unless)\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern MATCHING = Pattern.compile(
            "^\\s*(?:(?:on|ignoring|group_left|group_right)\\s*\\([^)]*\\)\\s*)*", Pattern.CASE_INSENSITIVE);
    private static final Pattern ABSENT =
            Pattern.compile("^\\s*absent(?:_over_time)?\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);

    private WatchedSeries() {}

    static List<String> of(String expression) {
        List<String> watched = new ArrayList<>();
        for (String operand : splitTopLevel(expression)) {
            String left =
                    beforeComparison(MATCHING.matcher(operand).replaceFirst("")).strip();
            Matcher absent = ABSENT.matcher(left);
            if (absent.matches()) {
                left = absent.group(1).strip();
                if (left.endsWith("]")) {
                    left = left.substring(0, left.lastIndexOf('[')).strip();
                }
            }
            watched.add(left);
        }
        return watched;
    }

    /** The operands of the top-level set operators. */
    private static List<String> splitTopLevel(String expression) {
        List<String> parts = new ArrayList<>();
        Matcher operator = SET_OPERATOR.matcher(expression);
        IntPredicate operatorAt = i -> operator.region(i, expression.length()).lookingAt();
        int start = 0;
        for (int at = topLevel(expression, 0, operatorAt); at >= 0; at = topLevel(expression, start, operatorAt)) {
            parts.add(expression.substring(start, at));
            start = operator.end() - 1;
        }
        parts.add(expression.substring(start));
        return parts.stream().map(String::strip).filter(part -> !part.isEmpty()).toList();
    }

    private static String beforeComparison(String operand) {
        int at = topLevel(operand, 0, i -> isComparison(operand, i));
        return at < 0 ? operand : operand.substring(0, at);
    }

    /** The first index from {@code from} outside brackets and quotes where {@code matches} holds; -1 if none. */
    private static int topLevel(String text, int from, IntPredicate matches) {
        int depth = 0;
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && "([{".indexOf(c) >= 0) {
                depth++;
            } else if (!quoted && ")]}".indexOf(c) >= 0) {
                depth--;
            } else if (!quoted && depth == 0 && matches.test(i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isComparison(String text, int i) {
        char c = text.charAt(i);
        char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
        return c == '>' || c == '<' || (c == '=' && next == '=') || (c == '!' && next == '=');
    }
}
