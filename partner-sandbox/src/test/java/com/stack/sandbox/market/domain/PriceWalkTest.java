package com.stack.sandbox.market.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PriceWalkTest {

    static final Instant AT = Instant.parse("2025-06-02T15:04:30Z");

    @Test
    void theSameSeedGivesTheSameSeriesAndAnotherSeedAnother() {
        List<BigDecimal> first = series(new PriceWalk(42), "AAPL");
        assertThat(series(new PriceWalk(42), "AAPL")).isEqualTo(first);
        assertThat(series(new PriceWalk(7), "AAPL")).isNotEqualTo(first);
        assertThat(series(new PriceWalk(42), "VTI")).isNotEqualTo(first);
    }

    @Test
    void thePriceStepsOncePerMinuteWithTwoDecimalsNearItsBase() {
        PriceWalk walk = new PriceWalk(42);
        Instant minute = AT.minusSeconds(30);
        assertThat(walk.price("AAPL", minute.plusSeconds(59))).isEqualTo(walk.price("AAPL", minute));
        List<BigDecimal> prices = series(walk, "AAPL");
        assertThat(prices).allSatisfy(price -> assertThat(price.scale()).isEqualTo(2));
        assertThat(prices.stream().distinct().count())
                .as("it moves from minute to minute")
                .isGreaterThan(10);
        BigDecimal base = PriceWalk.basePrice("AAPL");
        assertThat(base).isBetween(new BigDecimal("20.00"), new BigDecimal("500.00"));
        assertThat(prices)
                .allSatisfy(price -> assertThat(price)
                        .isBetween(base.multiply(new BigDecimal("0.5")), base.multiply(new BigDecimal("2"))));
    }

    @Test
    void aPriceIsNeverBelowOneDollar() {
        PriceWalk walk = new PriceWalk(42);
        for (String symbol : List.of("A", "B", "C", "D", "E", "F", "G", "H")) {
            for (int day = 0; day < 900; day += 50) {
                assertThat(walk.price(symbol, PriceWalk.EPOCH.plus(Duration.ofDays(day))))
                        .isGreaterThanOrEqualTo(PriceWalk.FLOOR);
            }
        }
    }

    private static List<BigDecimal> series(PriceWalk walk, String symbol) {
        List<BigDecimal> prices = new ArrayList<>();
        for (int minute = 0; minute < 60; minute++) {
            prices.add(walk.price(symbol, AT.plus(Duration.ofMinutes(minute))));
        }
        return prices;
    }
}
