package com.stack.investing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class PositionTest {

    static Position position(String quantity, String averagePrice, String marketValue) {
        return new Position("VTI", new BigDecimal(quantity), new BigDecimal(averagePrice), new BigDecimal(marketValue));
    }

    @Test
    void unrealizedPnlIsMarketValueMinusCostBasisToTheCent() {
        assertThat(position("10", "200.50", "2100.00").unrealizedPnl()).isEqualTo(new BigDecimal("95.00"));
        assertThat(position("3", "60", "177.30").unrealizedPnl()).isEqualTo(new BigDecimal("-2.70"));
    }

    @Test
    void fractionalSharesAreValuedExactlyAndRoundedOnlyAtTheEnd() {
        // cost 2.5 x 72.123456 = 180.30864
        Position position = position("2.500000000000000000", "72.123456", "181.25");
        assertThat(position.costBasis()).isEqualByComparingTo("180.30864");
        assertThat(position.unrealizedPnl()).isEqualTo(new BigDecimal("0.94"));
    }

    @Test
    void halfCentsRoundToEven() {
        // cost 1 x 100.005 = 100.005; P&L -0.005 -> -0.00 (even), and 0.015 -> 0.02
        assertThat(position("1", "100.005", "100.00").unrealizedPnl()).isEqualByComparingTo("0.00");
        assertThat(position("1", "99.985", "100.00").unrealizedPnl()).isEqualTo(new BigDecimal("0.02"));
    }

    @Test
    void quantityAndPriceLoseOnlyTheStoragesTrailingZeros() {
        Position position = position("10.000000000000000000", "200.500000", "2100");
        assertThat(position.quantity()).isEqualTo(new BigDecimal("10"));
        assertThat(position.averagePrice()).isEqualTo(new BigDecimal("200.50"));
        assertThat(position.marketValue()).isEqualTo(new BigDecimal("2100.00"));
        assertThat(position("0.123456789012345678", "1.234567", "0.15").quantity().toPlainString())
                .isEqualTo("0.123456789012345678");
        assertThat(position("100", "5.000000", "500").averagePrice().toPlainString()).isEqualTo("5.00");
    }
}
