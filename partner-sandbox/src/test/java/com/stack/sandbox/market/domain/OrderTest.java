package com.stack.sandbox.market.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class OrderTest {

    static final Instant NOW = Instant.parse("2025-06-02T15:00:00Z");

    @Test
    void theCostIsTheCumulativeQuantityTimesThePublishedAveragePriceRoundedHalfEven() {
        Order order = Order.accepted(
                        "o",
                        new NewOrder(
                                "alpaca",
                                "a",
                                "a",
                                "c",
                                new Instrument.Equity("AAPL"),
                                Side.BUY,
                                OrderType.MARKET,
                                new BigDecimal("3"),
                                null,
                                null),
                        new BigDecimal("3"),
                        new BigDecimal("600.00"),
                        NOW)
                .working(NOW);

        Order first = order.filled(new BigDecimal("1"), new BigDecimal("187.31"), NOW);
        assertThat(first.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(first.cost()).isEqualTo(new BigDecimal("187.31"));
        Order second = first.filled(new BigDecimal("2"), new BigDecimal("187.32"), NOW);
        // (187.31 + 2 x 187.32) / 3 = 187.316666666..., published at 9 decimals
        assertThat(second.averagePrice()).isEqualTo(new BigDecimal("187.316666667"));
        assertThat(second.cost()).isEqualTo(new BigDecimal("561.95"));
        assertThat(second.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(second.outstandingReservation()).isEqualByComparingTo("0");
    }

    @Test
    void anOptionCostsOneHundredTimesItsPrice() {
        Instrument option = Instrument.parse("AAPL250702C00190000").orElseThrow();
        Order order = Order.accepted(
                        "o",
                        new NewOrder(
                                "alpaca",
                                "a",
                                "a",
                                "c",
                                option,
                                Side.BUY,
                                OrderType.LIMIT,
                                new BigDecimal("2"),
                                null,
                                new BigDecimal("3.30")),
                        new BigDecimal("2"),
                        new BigDecimal("660.00"),
                        NOW)
                .working(NOW);
        Order filled = order.filled(new BigDecimal("2"), new BigDecimal("3.25"), NOW);
        assertThat(filled.cost()).isEqualTo(new BigDecimal("650.00"));
        assertThat(filled.averagePrice()).isEqualTo(new BigDecimal("3.25"));
        assertThat(order.marketableAt(new BigDecimal("3.31"))).isFalse();
        assertThat(order.marketableAt(new BigDecimal("3.30"))).isTrue();
    }
}
