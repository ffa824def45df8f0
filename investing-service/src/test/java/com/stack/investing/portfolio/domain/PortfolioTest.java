package com.stack.investing.portfolio.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import com.stack.investing.shared.domain.AssetType;
import org.junit.jupiter.api.Test;

class PortfolioTest {

    @Test
    void totalValueIsCashPlusEveryPositionsMarketValueLargestFirst() {
        Portfolio portfolio = Portfolio.of(
                List.of(
                        new Position(
                                "BND",
                                AssetType.ETF,
                                new BigDecimal("2.5"),
                                new BigDecimal("180.30864"),
                                new BigDecimal("72.50"),
                                new BigDecimal("72.00")),
                        new Position(
                                "VTI",
                                AssetType.ETF,
                                new BigDecimal("10"),
                                new BigDecimal("2005.00"),
                                new BigDecimal("210.00"),
                                new BigDecimal("211.234"))),
                new BigDecimal("150.25"));

        // 2100.00 + 181.25 + 150.25
        assertThat(portfolio.totalValueUsd()).isEqualTo(new BigDecimal("2431.50"));
        assertThat(portfolio.cashUsd()).isEqualTo(new BigDecimal("150.25"));
        // 10 x -1.234 = -12.34; 2.5 x 0.5 = 1.25
        assertThat(portfolio.dayChangeUsd()).isEqualTo(new BigDecimal("-11.09"));
        assertThat(portfolio.positions()).extracting(Position::symbol).containsExactly("VTI", "BND");
    }

    @Test
    void nothingHeldIsAnEmptyPortfolioOfZeroesToTheCent() {
        Portfolio portfolio = Portfolio.of(List.of(), BigDecimal.ZERO);
        assertThat(portfolio.totalValueUsd().toPlainString()).isEqualTo("0.00");
        assertThat(portfolio.cashUsd().toPlainString()).isEqualTo("0.00");
        assertThat(portfolio.dayChangeUsd().toPlainString()).isEqualTo("0.00");
        assertThat(portfolio.positions()).isEmpty();
    }
}
