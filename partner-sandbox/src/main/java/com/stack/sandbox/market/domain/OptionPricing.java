package com.stack.sandbox.market.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The sandbox's price of an option contract, per share: its intrinsic value plus a time value of
 * {@code S x 0.3 x sqrt(days to expiry / 365) x 0.4} (a rough at-the-money Black-Scholes with 30%
 * volatility), at least {@link #MINIMUM}, 2 decimals (half up). Deterministic given the underlying's price.
 */
public final class OptionPricing {

    public static final BigDecimal MINIMUM = new BigDecimal("0.05");
    static final double VOLATILITY = 0.3;
    static final double AT_THE_MONEY_FACTOR = 0.4;
    static final double DAYS_PER_YEAR = 365;

    private OptionPricing() {}

    /**
     * @param underlying the underlying's price per share
     * @param today      the exchange's date (days to expiry count from it; 0 on the expiry day)
     */
    public static BigDecimal price(Instrument.OptionContract contract, BigDecimal underlying, LocalDate today) {
        BigDecimal intrinsic = (contract.call()
                        ? underlying.subtract(contract.strike())
                        : contract.strike().subtract(underlying))
                .max(BigDecimal.ZERO);
        long days = Math.max(0, ChronoUnit.DAYS.between(today, contract.expiry()));
        double timeValue =
                underlying.doubleValue() * VOLATILITY * Math.sqrt(days / DAYS_PER_YEAR) * AT_THE_MONEY_FACTOR;
        return intrinsic
                .add(BigDecimal.valueOf(timeValue))
                .setScale(2, RoundingMode.HALF_UP)
                .max(MINIMUM);
    }
}
