package com.stack.aicfo.app.analyst;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.stack.aicfo.domain.SummaryFacts;

/**
 * Whether every figure a summary's markdown states is one of its facts. A figure is any number in the text: a date
 * ({@code 2026-11-30}), an amount ({@code $1,234.50}, {@code $1234.5}, {@code -$12.00}, {@code 1234.50 USD}), a
 * percentage ({@code 12.5%}) or a plain number ({@code 3}, {@code 1,234.50}); heading markers, list numbering and the
 * holdings' symbols (an option's symbol has digits) are not figures. Each is compared with the facts after
 * normalization (thousands separators dropped, trailing zeros ignored): an amount with the facts' amounts, a
 * percentage with the holdings' weights, a plain number with any of the facts' numbers, a date with the period's
 * days. A negative fact may be stated by its magnitude ("down $12.00"); a signed figure must match a signed fact.
 * Anything else (a year, a rounded amount, a count the facts do not have) is refused, naming the figure.
 */
public final class FigureCheck {

    /** The outcome: accepted, or refused with the first figure the facts do not have. */
    public record Result(boolean accepted, String offending, int figures) {

        static Result accepted(int figures) {
            return new Result(true, null, figures);
        }
    }

    // one alternation, tried left to right at each position: a date before a number, money before a plain number
    private static final Pattern FIGURE = Pattern.compile(
            "(?<date>\\d{4}-\\d{2}-\\d{2})"
                    + "|(?<money>[-+]?\\$\\s?[-+]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?)"
                    + "|(?<number>[-+]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?)(?<unit>\\s?(?:%|USD\\b))?");
    private static final Pattern HEADING = Pattern.compile("(?m)^\\s{0,3}#{1,6}\\s");
    private static final Pattern LIST_NUMBER = Pattern.compile("(?m)^\\s*\\d{1,2}[.)]\\s");

    private final Set<BigDecimal> amounts = new HashSet<>();
    private final Set<BigDecimal> percentages = new HashSet<>();
    private final Set<BigDecimal> numbers = new HashSet<>();
    private final Set<LocalDate> dates = new HashSet<>();
    private final List<String> symbols = new ArrayList<>();

    private FigureCheck(SummaryFacts facts) {
        dates.add(facts.periodStart());
        dates.add(facts.periodEnd());
        count(facts.ordersFilled());
        flows(facts.deposits());
        flows(facts.withdrawals());
        amount(facts.boughtUsd());
        amount(facts.soldUsd());
        amount(facts.buyingPowerUsd());
        SummaryFacts.Portfolio portfolio = facts.portfolio();
        if (portfolio != null) {
            amount(portfolio.totalValueUsd());
            amount(portfolio.cashUsd());
            amount(portfolio.investedUsd());
            amount(portfolio.unrealizedPnlUsd());
            amount(portfolio.dayChangeUsd());
            if (portfolio.holdings() != null) {
                count(portfolio.holdings().size());
                for (SummaryFacts.Holding holding : portfolio.holdings()) {
                    amount(holding.marketValueUsd());
                    amount(holding.unrealizedPnlUsd());
                    add(numbers, holding.quantity());
                    add(percentages, holding.weightPercent());
                    add(numbers, holding.weightPercent());
                    // an option's symbol has digits that are no figure; a stock's has none to hide
                    if (holding.symbol() != null && holding.symbol().chars().anyMatch(Character::isDigit)) {
                        symbols.add(holding.symbol());
                    }
                }
            }
        }
        // longest first, so that a symbol containing another is removed whole
        symbols.sort(Comparator.comparingInt(String::length).reversed());
    }

    /** The figures {@code facts} allows. */
    public static FigureCheck of(SummaryFacts facts) {
        return new FigureCheck(facts);
    }

    /** Every figure in {@code markdown} checked; the first one the facts do not have refuses it. */
    public Result check(String markdown) {
        String text = LIST_NUMBER.matcher(HEADING.matcher(markdown).replaceAll("")).replaceAll("");
        for (String symbol : symbols) {
            text = text.replace(symbol, " ");
        }
        Matcher figure = FIGURE.matcher(text);
        int figures = 0;
        while (figure.find()) {
            figures++;
            if (!allowed(figure)) {
                return new Result(false, figure.group().strip(), figures);
            }
        }
        return Result.accepted(figures);
    }

    private boolean allowed(Matcher figure) {
        if (figure.group("date") != null) {
            try {
                return dates.contains(LocalDate.parse(figure.group("date")));
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        if (figure.group("money") != null) {
            return matches(amounts, figure.group("money"));
        }
        String unit = figure.group("unit");
        if (unit == null) {
            return matches(numbers, figure.group("number"));
        }
        return matches(unit.strip().equals("%") ? percentages : amounts, figure.group("number"));
    }

    /** A figure's value against the allowed values: signed as written, or unsigned against a negative one's size. */
    private static boolean matches(Set<BigDecimal> allowed, String written) {
        String digits = written.replace("$", "").replace(",", "").replace(" ", "");
        boolean negative = digits.contains("-");
        boolean signed = negative || digits.contains("+");
        BigDecimal value = normalized(new BigDecimal(digits.replace("-", "").replace("+", "")));
        if (negative) {
            return allowed.contains(value.negate());
        }
        return allowed.contains(value) || (!signed && allowed.contains(value.negate()));
    }

    private void flows(SummaryFacts.Flows flows) {
        if (flows != null) {
            count(flows.count());
            amount(flows.totalUsd());
        }
    }

    private void count(int count) {
        numbers.add(normalized(BigDecimal.valueOf(count)));
    }

    private void amount(BigDecimal amount) {
        add(amounts, amount);
        add(numbers, amount);
    }

    private static void add(Set<BigDecimal> set, BigDecimal value) {
        if (value != null) {
            set.add(normalized(value));
        }
    }

    /** One representation per value: 1234.5, 1234.50 and 1234.500 are the same figure. */
    private static BigDecimal normalized(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
