package com.stack.sandbox.market.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Deterministic prices: per symbol, a seeded random walk of the log price, one step a day from
 * {@link #EPOCH} (pulled back a little toward the symbol's base price, so that prices stay near it),
 * then one step per minute from the day's open. The same seed and symbol give the same price at the
 * same instant, in any process. A price is at least {@link #FLOOR} and has 2 decimals.
 *
 * <p>Computing a price walks at most a few thousand steps of a {@link SplittableRandom} (microseconds,
 * no I/O, no entropy pool): nothing is cached.
 */
public final class PriceWalk {

    public static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    public static final BigDecimal FLOOR = new BigDecimal("1.00");
    static final int MINUTES_PER_DAY = 1440;
    static final double DAILY_VOLATILITY = 0.015;
    static final double MINUTE_VOLATILITY = 0.0006;
    /** How much of the distance to the base price a daily step takes back. */
    static final double REVERSION = 0.02;
    /** Base prices from 20.00 to 500.00. */
    static final int BASE_FROM_CENTS = 2_000;

    static final int BASE_SPAN_CENTS = 48_001;
    private static final double UNIFORM_TO_UNIT_VARIANCE = Math.sqrt(3);

    private final long seed;

    public PriceWalk(long seed) {
        this.seed = seed;
    }

    /** Where the walk of {@code symbol} starts: 20.00 to 500.00, from the symbol alone. */
    public static BigDecimal basePrice(String symbol) {
        int cents = BASE_FROM_CENTS + new SplittableRandom(symbol.hashCode()).nextInt(BASE_SPAN_CENTS);
        return BigDecimal.valueOf(cents, 2);
    }

    /** The price of {@code symbol} at {@code at}: constant within a minute; the base price before the epoch. */
    public BigDecimal price(String symbol, Instant at) {
        long minutes = Math.max(0, Duration.between(EPOCH, at).toMinutes());
        long day = minutes / MINUTES_PER_DAY;
        long minuteOfDay = minutes % MINUTES_PER_DAY;
        double base = Math.log(basePrice(symbol).doubleValue());
        double log = base;
        SplittableRandom days = new SplittableRandom(mix(symbol, -1));
        for (long d = 0; d < day; d++) {
            log += DAILY_VOLATILITY * step(days) - REVERSION * (log - base);
        }
        SplittableRandom intraday = new SplittableRandom(mix(symbol, day));
        for (long m = 0; m < minuteOfDay; m++) {
            log += MINUTE_VOLATILITY * step(intraday);
        }
        BigDecimal price = BigDecimal.valueOf(Math.exp(log)).setScale(2, RoundingMode.HALF_UP);
        return price.max(FLOOR);
    }

    /** A step of mean 0 and variance 1, uniform (its algorithm is fixed, unlike a JDK's Gaussian). */
    private static double step(SplittableRandom random) {
        return (random.nextDouble() * 2 - 1) * UNIFORM_TO_UNIT_VARIANCE;
    }

    private long mix(String symbol, long day) {
        return (seed * 0x9E3779B97F4A7C15L + symbol.hashCode()) * 0xBF58476D1CE4E5B9L + day;
    }
}
