package com.stack.investing.portfolio.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import com.stack.investing.shared.domain.AssetType;
import org.junit.jupiter.api.Test;

class PositionTest {

    static Position position(AssetType type, String quantity, String cost, String price, String previousClose) {
        return new Position(
                "X",
                type,
                new BigDecimal(quantity),
                new BigDecimal(cost),
                new BigDecimal(price),
                new BigDecimal(previousClose));
    }

    @Test
    void fractionalSharesAreValuedExactlyAndRoundedOnlyAtTheEnd() {
        // cost 180.30864; value 2.5 x 72.50 = 181.25; P&L 0.94136 -> 0.94
        Position position = position(AssetType.ETF, "2.500000000", "180.30864", "72.50", "72.50");
        assertThat(position.marketValue()).isEqualTo(new BigDecimal("181.25"));
        assertThat(position.unrealizedPnl()).isEqualTo(new BigDecimal("0.94"));
        assertThat(position.averagePrice()).isEqualTo(new BigDecimal("72.123456"));
        assertThat(position.quantity().toPlainString()).isEqualTo("2.5");
    }

    @Test
    void anOptionContractIsAHundredShares() {
        Position option = position(AssetType.OPTION, "2", "640.00", "3.50", "3.10");
        assertThat(option.marketValue()).isEqualTo(new BigDecimal("700.00"));
        assertThat(option.averagePrice()).isEqualTo(new BigDecimal("3.20"));
        assertThat(option.unrealizedPnl()).isEqualTo(new BigDecimal("60.00"));
        assertThat(option.dayChangeUsd()).isEqualTo(new BigDecimal("80.00"));
    }

    @Test
    void halfCentsRoundToEven() {
        assertThat(position(AssetType.STOCK, "1", "100.005", "100.00", "100").unrealizedPnl())
                .isEqualByComparingTo("0.00");
        assertThat(position(AssetType.STOCK, "1", "99.985", "100.00", "100").unrealizedPnl())
                .isEqualTo(new BigDecimal("0.02"));
    }
}
