package com.stack.aicfo.analyst.app;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.stack.aicfo.facts.domain.SummaryFacts;

/**
 * Whether every figure a summary's markdown states is one of its facts, of the same kind, and where the text says
 * whose figure it is, that one's.
 *
 * <p>A figure's kind is read from how it is written: a date ({@code 2026-11-30}); an amount, with a currency sign or
 * {@code USD} ({@code $1,234.50}, {@code -$12.00}, {@code 1234.50 USD}) or a plain number with exactly 2 decimals
 * ({@code 1234.50}); a percentage ({@code 12.5%}, {@code 12.5 percent}); a quantity, a number followed by shares,
 * units or contracts, or by a holding's symbol ({@code 4.5 shares}); a count, a plain integer ({@code 3}) or a number
 * in words from zero to twelve ({@code three}); any other plain decimal ({@code 80.4}) is an amount or a quantity.
 * Each is compared with the facts of its kind only, after normalization (thousands separators dropped, trailing zeros
 * ignored): an amount with the amounts, a count with the counts (never with an amount or a quantity), a percentage
 * with the holdings' weights, a date with the period's days (and the day the portfolio was valued).
 *
 * <p>Labels: a line or sentence that names exactly one subject with facts of a figure's kind (deposits, withdrawals,
 * orders, holdings, bought, sold, buying power, the portfolio's value, cash, invested, unrealized, day change, a
 * holding's symbol) binds its figures of that kind to that subject: "Withdrawals: 1, totalling $1,500.00" is refused
 * when $1,500.00 is the deposits' total. Where a line names several, the figure need only be a fact of its kind.
 *
 * <p>A negative fact may be stated by its magnitude ("down $12.00"); a signed figure must match a signed fact.
 * Heading markers, list numbering and the holdings' symbols (an option's has digits, a stock's may be a word such as
 * {@code ONE}) are not figures.
 * Anything else (a year, a rounded amount, a count the facts do not have) is refused, naming the figure.
 */
public final class FigureCheck {

    /** The outcome: accepted, or refused with the first figure the facts do not have. */
    public record Result(boolean accepted, String offending, int figures) {

        static Result accepted(int figures) {
            return new Result(true, null, figures);
        }
    }

    /** What a figure is, read from how it is written. */
    enum Kind {
        AMOUNT,
        COUNT,
        PERCENT,
        QUANTITY,
        DATE
    }

    // one alternation, tried left to right at each position: a date before a number, money before a plain number
    private static final Pattern FIGURE = Pattern.compile("(?<date>\\d{4}-\\d{2}-\\d{2})"
            + "|(?<money>[-+]?\\$\\s?[-+]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?)"
            + "|(?<number>[-+]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?)(?<unit>\\s?(?:%|USD\\b|percent\\b))?"
            + "|\\b(?<word>(?i:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\\b");
    private static final List<String> NUMBER_WORDS = List.of(
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve");
    private static final Pattern QUANTITY_WORD = Pattern.compile("(?i)^\\s*(?:shares?|units?|contracts?)\\b");
    private static final Pattern HEADING = Pattern.compile("(?m)^\\s{0,3}#{1,6}\\s");
    private static final Pattern LIST_NUMBER = Pattern.compile("(?m)^\\s*\\d{1,2}[.)]\\s");
    // a line, or a sentence or clause of one: where a label binds the figures after or before it
    private static final Pattern SEGMENT_END = Pattern.compile("\\n|[.!?;](?=\\s)");

    private final Map<Kind, Set<BigDecimal>> allowed = new EnumMap<>(Kind.class);
    private final Set<LocalDate> dates = new HashSet<>();
    /** Symbols and words that name a subject, with the subject's facts by kind. */
    private final Map<Pattern, Map<Kind, Set<BigDecimal>>> subjects = new LinkedHashMap<>();

    private final List<Pattern> holdingSymbols = new ArrayList<>();

    private FigureCheck(SummaryFacts facts) {
        for (Kind kind : Kind.values()) {
            allowed.put(kind, new HashSet<>());
        }
        dates.add(facts.periodStart());
        dates.add(facts.periodEnd());
        flows("deposit", facts.deposits());
        flows("withdr[a-z]*|withdrew", facts.withdrawals());
        add(subject("orders?"), Kind.COUNT, BigDecimal.valueOf(facts.ordersFilled()));
        add(subject("bought|purchased"), Kind.AMOUNT, facts.boughtUsd());
        add(subject("sold|sales?"), Kind.AMOUNT, facts.soldUsd());
        add(subject("buying power"), Kind.AMOUNT, facts.buyingPowerUsd());
        SummaryFacts.Portfolio portfolio = facts.portfolio();
        if (portfolio != null) {
            add(subject("portfolio"), Kind.AMOUNT, portfolio.totalValueUsd());
            add(subject("cash"), Kind.AMOUNT, portfolio.cashUsd());
            // "Invested: $1,654.25", not a holding's "12.5% of (what is) invested"
            add(subject("(?<!of |is |you |are )invested"), Kind.AMOUNT, portfolio.investedUsd());
            add(subject("unrealized"), Kind.AMOUNT, portfolio.unrealizedPnlUsd());
            add(subject("day(?:'s)? change|today"), Kind.AMOUNT, portfolio.dayChangeUsd());
            if (portfolio.valuedOn() != null) {
                dates.add(portfolio.valuedOn());
            }
            if (portfolio.holdings() != null) {
                add(
                        subject("holdings?|positions?"),
                        Kind.COUNT,
                        BigDecimal.valueOf(portfolio.holdings().size()));
                for (SummaryFacts.Holding holding : portfolio.holdings()) {
                    Map<Kind, Set<BigDecimal>> own =
                            holding.symbol() == null ? new EnumMap<>(Kind.class) : symbol(holding.symbol());
                    add(own, Kind.AMOUNT, holding.marketValueUsd());
                    add(own, Kind.AMOUNT, holding.unrealizedPnlUsd());
                    add(own, Kind.QUANTITY, holding.quantity());
                    add(own, Kind.PERCENT, holding.weightPercent());
                }
            }
        }
        // longest first, so that a symbol containing another is blanked whole
        holdingSymbols.sort(
                Comparator.comparingInt((Pattern symbol) -> symbol.pattern().length())
                        .reversed());
    }

    /** The figures {@code facts} allows. */
    public static FigureCheck of(SummaryFacts facts) {
        return new FigureCheck(facts);
    }

    /** Every figure in {@code markdown} checked; the first one the facts do not have refuses it. */
    public Result check(String markdown) {
        String text =
                LIST_NUMBER.matcher(HEADING.matcher(markdown).replaceAll("")).replaceAll("");
        int figures = 0;
        int from = 0;
        Matcher end = SEGMENT_END.matcher(text);
        while (from <= text.length()) {
            int until = end.find(from) ? end.end() : text.length();
            String segment = text.substring(from, until);
            Map<Kind, Set<BigDecimal>> bound = bound(segment);
            String scanned = segment;
            for (Pattern symbol : holdingSymbols) {
                scanned = symbol.matcher(scanned)
                        .replaceAll(match -> " ".repeat(match.group().length()));
            }
            Matcher figure = FIGURE.matcher(scanned);
            while (figure.find()) {
                figures++;
                if (!allowed(figure, segment, bound)) {
                    return new Result(false, figure.group().strip(), figures);
                }
            }
            if (until >= text.length()) {
                break;
            }
            from = until;
        }
        return Result.accepted(figures);
    }

    /** For each kind, the facts of the one subject of that kind the segment names; absent when it names none or several. */
    private Map<Kind, Set<BigDecimal>> bound(String segment) {
        Map<Kind, Set<BigDecimal>> bound = new EnumMap<>(Kind.class);
        Map<Kind, Integer> named = new EnumMap<>(Kind.class);
        for (Map.Entry<Pattern, Map<Kind, Set<BigDecimal>>> subject : subjects.entrySet()) {
            if (subject.getKey().matcher(segment).find()) {
                subject.getValue().forEach((kind, values) -> {
                    if (named.merge(kind, 1, Integer::sum) == 1) {
                        bound.put(kind, values);
                    } else {
                        bound.remove(kind);
                    }
                });
            }
        }
        return bound;
    }

    /** The figure (found in the segment with the holdings' symbols blanked out, at the same places) against the facts. */
    private boolean allowed(Matcher figure, String segment, Map<Kind, Set<BigDecimal>> bound) {
        if (figure.group("date") != null) {
            try {
                return dates.contains(LocalDate.parse(figure.group("date")));
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        if (figure.group("word") != null) {
            BigDecimal count =
                    BigDecimal.valueOf(NUMBER_WORDS.indexOf(figure.group("word").toLowerCase(Locale.ROOT)));
            return matches(of(Kind.COUNT, bound), count.toPlainString());
        }
        if (figure.group("money") != null) {
            return matches(of(Kind.AMOUNT, bound), figure.group("money"));
        }
        String number = figure.group("number");
        String unit = figure.group("unit");
        if (unit != null) {
            return matches(of(unit.strip().equals("USD") ? Kind.AMOUNT : Kind.PERCENT, bound), number);
        }
        if (quantityFollows(segment, figure.end())) {
            return matches(of(Kind.QUANTITY, bound), number);
        }
        int dot = number.indexOf('.');
        if (dot < 0) {
            return matches(of(Kind.COUNT, bound), number);
        }
        if (number.length() - dot - 1 == 2) {
            return matches(of(Kind.AMOUNT, bound), number);
        }
        // 80.4 or 4.5: an amount or a quantity, not a count (a count has no decimals)
        return matches(of(Kind.AMOUNT, bound), number) || matches(of(Kind.QUANTITY, bound), number);
    }

    private Set<BigDecimal> of(Kind kind, Map<Kind, Set<BigDecimal>> bound) {
        return bound.getOrDefault(kind, allowed.get(kind));
    }

    /** Whether a quantity word ("shares") or a holding's symbol follows the figure in the segment as written. */
    private boolean quantityFollows(String segment, int at) {
        String after = segment.substring(at);
        if (QUANTITY_WORD.matcher(after).find()) {
            return true;
        }
        String next = after.stripLeading();
        return next.length() < after.length()
                && holdingSymbols.stream()
                        .anyMatch(symbol -> symbol.matcher(next).lookingAt());
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

    private void flows(String words, SummaryFacts.Flows flows) {
        Map<Kind, Set<BigDecimal>> subject = subject(words);
        if (flows != null) {
            add(subject, Kind.COUNT, BigDecimal.valueOf(flows.count()));
            add(subject, Kind.AMOUNT, flows.totalUsd());
        }
    }

    /** The subject named by those words (a regex alternation, case-insensitive, whole words or their start). */
    private Map<Kind, Set<BigDecimal>> subject(String words) {
        return subjects.computeIfAbsent(
                Pattern.compile("(?i)\\b(?:" + words + ")"), pattern -> new EnumMap<>(Kind.class));
    }

    /** The subject named by a holding's symbol (case-sensitive, whole); holdings of one symbol share it. */
    private Map<Kind, Set<BigDecimal>> symbol(String symbol) {
        Pattern pattern = Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(symbol) + "(?![A-Za-z0-9])");
        for (Map.Entry<Pattern, Map<Kind, Set<BigDecimal>>> known : subjects.entrySet()) {
            if (known.getKey().pattern().equals(pattern.pattern())) {
                return known.getValue();
            }
        }
        holdingSymbols.add(pattern);
        Map<Kind, Set<BigDecimal>> facts = new EnumMap<>(Kind.class);
        subjects.put(pattern, facts);
        return facts;
    }

    /** A fact of the subject, and so of its kind. */
    private void add(Map<Kind, Set<BigDecimal>> subject, Kind kind, BigDecimal value) {
        if (value != null) {
            BigDecimal normalized = normalized(value);
            subject.computeIfAbsent(kind, k -> new HashSet<>()).add(normalized);
            allowed.get(kind).add(normalized);
        }
    }

    /** One representation per value: 1234.5, 1234.50 and 1234.500 are the same figure. */
    private static BigDecimal normalized(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
