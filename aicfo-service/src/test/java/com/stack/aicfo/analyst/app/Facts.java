package com.stack.aicfo.analyst.app;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.stack.aicfo.facts.domain.SummaryFacts;

/** Summary facts for the writing tests: one fixed week, and random ones (seeded, so a failure can be replayed). */
public final class Facts {

    private Facts() {}

    /** A week with two deposits, a withdrawal, three filled orders and a portfolio of three holdings (one option). */
    public static SummaryFacts week() {
        List<SummaryFacts.Holding> holdings = List.of(
                new SummaryFacts.Holding(
                        "AAPL",
                        "STOCK",
                        new BigDecimal("4.5"),
                        new BigDecimal("1012.50"),
                        new BigDecimal("37.25"),
                        new BigDecimal("61.2")),
                new SummaryFacts.Holding(
                        "AAPL250117C00150000",
                        "OPTION",
                        new BigDecimal("1"),
                        new BigDecimal("420.00"),
                        new BigDecimal("-15.00"),
                        new BigDecimal("25.4")),
                new SummaryFacts.Holding(
                        "VTI",
                        "ETF",
                        new BigDecimal("0.75"),
                        new BigDecimal("221.75"),
                        new BigDecimal("3.10"),
                        new BigDecimal("13.4")));
        return new SummaryFacts(
                SummaryFacts.CURRENT_VERSION,
                UUID.fromString("7d1c3f0e-5a51-4c1a-9a57-3c9e2b3f8d11"),
                SummaryFacts.Kind.WEEKLY,
                LocalDate.parse("2026-11-30"),
                LocalDate.parse("2026-12-06"),
                new SummaryFacts.Flows(2, new BigDecimal("1500.00")),
                new SummaryFacts.Flows(1, new BigDecimal("100.00")),
                3,
                new BigDecimal("1250.00"),
                new BigDecimal("80.40"),
                new BigDecimal("230.40"),
                new SummaryFacts.Portfolio(
                        new BigDecimal("1884.65"),
                        new BigDecimal("230.40"),
                        new BigDecimal("1654.25"),
                        new BigDecimal("25.35"),
                        new BigDecimal("-12.80"),
                        holdings,
                        Instant.parse("2026-12-07T01:00:00Z"),
                        LocalDate.parse("2026-12-07")),
                Instant.parse("2026-12-07T01:00:00Z"));
    }

    /** Random facts of either kind: amounts from 0 to millions (some negative), 0 to 8 holdings, sometimes no portfolio. */
    public static SummaryFacts random(Random random) {
        LocalDate start = LocalDate.parse("2020-01-06").plusWeeks(random.nextInt(600));
        SummaryFacts.Kind kind = random.nextBoolean() ? SummaryFacts.Kind.WEEKLY : SummaryFacts.Kind.ON_DEMAND;
        LocalDate end = kind == SummaryFacts.Kind.WEEKLY ? start.plusDays(6) : start.plusDays(random.nextInt(7));
        SummaryFacts.Portfolio portfolio = null;
        if (random.nextInt(5) > 0) {
            List<SummaryFacts.Holding> holdings = new ArrayList<>();
            int count = random.nextInt(9);
            for (int i = 0; i < count; i++) {
                String symbol = random.nextInt(4) == 0
                        ? "SPY" + (250100 + random.nextInt(900)) + (random.nextBoolean() ? "C" : "P")
                                + String.format("%08d", random.nextInt(99_999_999))
                        : String.valueOf((char) ('A' + random.nextInt(26)))
                                + (char) ('A' + random.nextInt(26))
                                + (char) ('A' + random.nextInt(26));
                holdings.add(new SummaryFacts.Holding(
                        symbol,
                        "STOCK",
                        amount(random, 4, false).stripTrailingZeros(),
                        amount(random, 2, false),
                        amount(random, 2, true),
                        BigDecimal.valueOf(random.nextInt(1001), 1)));
            }
            holdings.sort(
                    Comparator.comparing(SummaryFacts.Holding::marketValueUsd).reversed());
            portfolio = new SummaryFacts.Portfolio(
                    amount(random, 2, false),
                    amount(random, 2, false),
                    amount(random, 2, false),
                    amount(random, 2, true),
                    amount(random, 2, true),
                    holdings,
                    Instant.now(),
                    end.plusDays(random.nextInt(3)));
        }
        return new SummaryFacts(
                SummaryFacts.CURRENT_VERSION,
                UUID.randomUUID(),
                kind,
                start,
                end,
                new SummaryFacts.Flows(random.nextInt(30), amount(random, 2, false)),
                new SummaryFacts.Flows(random.nextInt(5), amount(random, 2, false)),
                random.nextInt(200),
                amount(random, 2, false),
                amount(random, 2, false),
                amount(random, 2, false),
                portfolio,
                Instant.now());
    }

    /** 0 to about ten million with {@code scale} decimals, sometimes a round or a tiny one; negative if allowed. */
    private static BigDecimal amount(Random random, int scale, boolean signed) {
        BigDecimal value = switch (random.nextInt(4)) {
            case 0 -> BigDecimal.valueOf(random.nextInt(100));
            case 1 -> BigDecimal.valueOf(random.nextLong(1, 10_000_000_000L), 2 + random.nextInt(scale - 1));
            default -> BigDecimal.valueOf(random.nextLong(0, 1_000_000L), scale);
        };
        value = value.setScale(scale, RoundingMode.UNNECESSARY);
        return signed && random.nextBoolean() ? value.negate() : value;
    }
}
