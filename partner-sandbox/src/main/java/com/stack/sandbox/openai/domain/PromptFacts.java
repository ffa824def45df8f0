package com.stack.sandbox.openai.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The figures a prompt's facts block states (a summary's facts record as JSON), read tolerantly from a generic JSON
 * tree: a field may be missing, null, a number or a numeric string, in camelCase or snake_case; what cannot be read
 * is left out. The sandbox knows the record's field names, not the class.
 *
 * @param kind        the facts' {@code kind} (WEEKLY, ON_DEMAND), empty when absent
 * @param lines       the summary's list, one line per fact, in the facts' order
 * @param knownValues every number anywhere in the facts, scale ignored: a wrong figure must be none of them
 */
public record PromptFacts(String kind, List<Line> lines, Set<BigDecimal> knownValues) {

    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    public PromptFacts {
        lines = List.copyOf(lines);
        knownValues = Set.copyOf(knownValues);
    }

    /**
     * One list line: {@code template} with one {@code {}} per figure.
     */
    public record Line(String template, List<Figure> figures) {

        public Line {
            figures = List.copyOf(figures);
        }

        public String rendered() {
            StringBuilder text = new StringBuilder();
            int from = 0;
            for (Figure figure : figures) {
                int at = template.indexOf("{}", from);
                text.append(template, from, at).append(figure.rendered());
                from = at + 2;
            }
            return text.append(template.substring(from)).toString();
        }

        Line with(int index, Figure figure) {
            List<Figure> changed = new ArrayList<>(figures);
            changed.set(index, figure);
            return new Line(template, changed);
        }
    }

    /** @param facts the parsed facts block, a JSON object */
    public static PromptFacts read(JsonNode facts) {
        List<Line> lines = new ArrayList<>();
        flows("Deposits", field(facts, "deposits")).ifPresent(lines::add);
        flows("Withdrawals", field(facts, "withdrawals")).ifPresent(lines::add);
        count(field(facts, "ordersFilled"))
                .ifPresent(orders -> lines.add(new Line("Orders filled: {}", List.of(orders))));
        amount(field(facts, "boughtUsd")).ifPresent(bought -> lines.add(new Line("Bought: {}", List.of(bought))));
        amount(field(facts, "soldUsd")).ifPresent(sold -> lines.add(new Line("Sold: {}", List.of(sold))));
        amount(field(facts, "buyingPowerUsd"))
                .ifPresent(power -> lines.add(new Line("Buying power: {}", List.of(power))));
        JsonNode portfolio = field(facts, "portfolio");
        amount(field(portfolio, "totalValueUsd"))
                .ifPresent(total -> lines.add(new Line("Portfolio total: {}", List.of(total))));
        for (JsonNode holding : field(portfolio, "holdings").values()) {
            holding(holding).ifPresent(lines::add);
        }
        Set<BigDecimal> known = new HashSet<>();
        collectNumbers(facts, known);
        JsonNode kind = field(facts, "kind");
        return new PromptFacts(kind.isString() ? kind.stringValue() : "", lines, known);
    }

    /** The first amount changed to one the facts do not state (1.00 more, again while it is still a known value). */
    public PromptFacts withOneFigureWrong() {
        for (Figure.Kind kind : List.of(Figure.Kind.AMOUNT, Figure.Kind.COUNT, Figure.Kind.PERCENT)) {
            for (int l = 0; l < lines.size(); l++) {
                List<Figure> figures = lines.get(l).figures();
                for (int f = 0; f < figures.size(); f++) {
                    if (figures.get(f).kind() == kind) {
                        BigDecimal step = kind == Figure.Kind.COUNT ? BigDecimal.ONE : new BigDecimal("1.00");
                        Figure wrong = figures.get(f).plus(step);
                        while (knownValues.contains(normalized(wrong.value()))) {
                            wrong = wrong.plus(step);
                        }
                        List<Line> changed = new ArrayList<>(lines);
                        changed.set(l, lines.get(l).with(f, wrong));
                        return new PromptFacts(this.kind, changed, knownValues);
                    }
                }
            }
        }
        return this;
    }

    private static Optional<Line> flows(String label, JsonNode flows) {
        Optional<Figure> count = count(field(flows, "count"));
        Optional<Figure> total = amount(field(flows, "totalUsd"));
        if (count.isPresent() && total.isPresent()) {
            return Optional.of(new Line(label + ": {}, totalling {}", List.of(count.get(), total.get())));
        }
        return count.map(c -> new Line(label + ": {}", List.of(c)))
                .or(() -> total.map(t -> new Line(label + " totalling {}", List.of(t))));
    }

    private static Optional<Line> holding(JsonNode holding) {
        JsonNode symbolNode = field(holding, "symbol");
        if (!symbolNode.isString() || symbolNode.stringValue().isBlank()) {
            return Optional.empty();
        }
        String symbol = symbolNode.stringValue();
        Optional<Figure> value = amount(field(holding, "marketValueUsd"));
        Optional<Figure> weight = decimal(field(holding, "weightPercent"), Figure.Kind.PERCENT);
        if (value.isPresent() && weight.isPresent()) {
            return Optional.of(new Line(symbol + ": {}, {} of what is invested", List.of(value.get(), weight.get())));
        }
        return value.or(() -> weight).map(figure -> new Line(symbol + ": {}", List.of(figure)));
    }

    private static Optional<Figure> amount(JsonNode node) {
        return decimal(node, Figure.Kind.AMOUNT);
    }

    private static Optional<Figure> decimal(JsonNode node, Figure.Kind kind) {
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            return Optional.of(new Figure(kind, value, value.toPlainString()));
        }
        if (node.isString() && DECIMAL.matcher(node.stringValue().trim()).matches()) {
            String text = node.stringValue().trim();
            return Optional.of(new Figure(kind, new BigDecimal(text), text));
        }
        return Optional.empty();
    }

    private static Optional<Figure> count(JsonNode node) {
        if (node.isIntegralNumber()) {
            return Optional.of(new Figure(
                    Figure.Kind.COUNT,
                    new BigDecimal(node.bigIntegerValue()),
                    node.bigIntegerValue().toString()));
        }
        if (node.isString() && INTEGER.matcher(node.stringValue().trim()).matches()) {
            String text = node.stringValue().trim();
            return Optional.of(new Figure(Figure.Kind.COUNT, new BigDecimal(text), text));
        }
        return Optional.empty();
    }

    /** The field by its camelCase name, or its snake_case one; a missing node when neither is there. */
    private static JsonNode field(JsonNode node, String camelCase) {
        JsonNode value = node.path(camelCase);
        if (value.isMissingNode() || value.isNull()) {
            value = node.path(camelCase.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT));
        }
        return value;
    }

    private static void collectNumbers(JsonNode node, Set<BigDecimal> into) {
        if (node.isNumber()) {
            into.add(normalized(node.decimalValue()));
        } else if (node.isString() && DECIMAL.matcher(node.stringValue().trim()).matches()) {
            into.add(normalized(new BigDecimal(node.stringValue().trim())));
        } else if (node.isContainer()) {
            node.values().forEach(child -> collectNumbers(child, into));
        }
    }

    private static BigDecimal normalized(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }
}
