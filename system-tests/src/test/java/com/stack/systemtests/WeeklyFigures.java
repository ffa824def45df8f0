package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.stack.aicfo.facts.domain.SummaryFacts;

/**
 * A weekly summary's markdown read back by the test, independently of the service's own check: each figure by the
 * kind its form says (a date, an amount with $ or 2 decimals, a percentage, a count as a plain integer) compared with
 * the facts record's fields of that kind, and the labelled list lines (deposits, withdrawals, orders, bought)
 * compared with their own field.
 */
final class WeeklyFigures {

    private static final Pattern FIGURE = Pattern.compile("(?<date>\\d{4}-\\d{2}-\\d{2})"
            + "|(?<amount>[-+]?\\$\\s?[-+]?\\d[\\d,]*(?:\\.\\d+)?)"
            + "|(?<percent>\\d+(?:\\.\\d+)?)\\s?%"
            + "|(?<number>\\d[\\d,]*(?:\\.\\d+)?)");
    private static final Pattern OPTION_SYMBOL = Pattern.compile("[A-Z]{1,6}\\d{6}[CP]\\d{8}");

    private WeeklyFigures() {}

    static void assertEveryFigureIsAFact(String markdown, SummaryFacts facts) {
        Set<BigDecimal> amounts = normalized(Stream.concat(
                Stream.of(
                        facts.deposits().totalUsd(),
                        facts.withdrawals().totalUsd(),
                        facts.boughtUsd(),
                        facts.soldUsd(),
                        facts.buyingPowerUsd()),
                facts.portfolio() == null
                        ? Stream.empty()
                        : Stream.concat(
                                Stream.of(
                                        facts.portfolio().totalValueUsd(),
                                        facts.portfolio().cashUsd(),
                                        facts.portfolio().investedUsd(),
                                        facts.portfolio().unrealizedPnlUsd(),
                                        facts.portfolio().dayChangeUsd()),
                                facts.portfolio().holdings().stream()
                                        .flatMap(h -> Stream.of(h.marketValueUsd(), h.unrealizedPnlUsd())))));
        Set<BigDecimal> counts = normalized(Stream.of(
                BigDecimal.valueOf(facts.deposits().count()),
                BigDecimal.valueOf(facts.withdrawals().count()),
                BigDecimal.valueOf(facts.ordersFilled()),
                BigDecimal.valueOf(
                        facts.portfolio() == null
                                ? -1
                                : facts.portfolio().holdings().size())));
        Set<BigDecimal> percents = normalized(
                facts.portfolio() == null
                        ? Stream.empty()
                        : facts.portfolio().holdings().stream().map(SummaryFacts.Holding::weightPercent));
        Set<BigDecimal> quantities = normalized(
                facts.portfolio() == null
                        ? Stream.empty()
                        : facts.portfolio().holdings().stream().map(SummaryFacts.Holding::quantity));
        Set<LocalDate> dates = new HashSet<>(List.of(facts.periodStart(), facts.periodEnd()));
        dates.addAll(Stream.of(facts.portfolio())
                .filter(Objects::nonNull)
                .map(SummaryFacts.Portfolio::valuedOn)
                .filter(Objects::nonNull)
                .toList());

        String text =
                OPTION_SYMBOL.matcher(markdown.replaceAll("(?m)^#{1,6}\\s", "")).replaceAll(" ");
        Matcher figure = FIGURE.matcher(text);
        int figures = 0;
        while (figure.find()) {
            figures++;
            String written = figure.group().strip();
            if (figure.group("date") != null) {
                assertThat(dates).as("the date %s", written).contains(LocalDate.parse(written));
            } else if (figure.group("amount") != null) {
                assertThat(amountOf(amounts, figure.group("amount")))
                        .as("the amount %s", written)
                        .isTrue();
            } else if (figure.group("percent") != null) {
                assertThat(percents).as("the percentage %s", written).contains(value(figure.group("percent")));
            } else {
                String number = figure.group("number");
                int dot = number.indexOf('.');
                if (dot < 0) {
                    assertThat(counts).as("the count %s", written).contains(value(number));
                } else if (number.length() - dot - 1 == 2) {
                    assertThat(amountOf(amounts, number))
                            .as("the amount %s", written)
                            .isTrue();
                } else {
                    assertThat(amounts.contains(value(number)) || quantities.contains(value(number)))
                            .as("the amount or quantity %s", written)
                            .isTrue();
                }
            }
        }
        assertThat(figures).as("figures in\n%s", markdown).isGreaterThanOrEqualTo(8);

        // the labelled lines state their own field
        assertLine(
                markdown,
                "(?m)^- Deposits: (\\d+), totalling \\$([\\d,]+\\.\\d+)$",
                facts.deposits().count(),
                facts.deposits().totalUsd());
        assertLine(
                markdown,
                "(?m)^- Withdrawals: (\\d+), totalling \\$([\\d,]+\\.\\d+)$",
                facts.withdrawals().count(),
                facts.withdrawals().totalUsd());
        assertLine(markdown, "(?m)^- Orders filled: (\\d+)$", facts.ordersFilled(), null);
        assertLine(markdown, "(?m)^- Bought: ()\\$([\\d,]+\\.\\d+)$", null, facts.boughtUsd());
    }

    private static void assertLine(String markdown, String line, Integer count, BigDecimal amount) {
        Matcher matcher = Pattern.compile(line).matcher(markdown);
        assertThat(matcher.find()).as("a line %s in\n%s", line, markdown).isTrue();
        if (count != null) {
            assertThat(Integer.parseInt(matcher.group(1))).as(line).isEqualTo(count);
        }
        if (amount != null) {
            assertThat(value(matcher.group(2))).as(line).isEqualTo(normalized(amount));
        }
    }

    /** Signed as written, or unsigned against a negative fact's size. */
    private static boolean amountOf(Set<BigDecimal> amounts, String written) {
        String digits = written.replace("$", "").replace(" ", "");
        boolean negative = digits.contains("-");
        BigDecimal value = value(digits.replace("-", "").replace("+", ""));
        return negative
                ? amounts.contains(value.negate())
                : amounts.contains(value) || (!digits.contains("+") && amounts.contains(value.negate()));
    }

    private static BigDecimal value(String written) {
        return normalized(new BigDecimal(written.replace(",", "")));
    }

    private static Set<BigDecimal> normalized(Stream<BigDecimal> values) {
        Set<BigDecimal> set = new HashSet<>();
        values.filter(Objects::nonNull).map(WeeklyFigures::normalized).forEach(set::add);
        return set;
    }

    private static BigDecimal normalized(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
