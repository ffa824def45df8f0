package com.stack.investing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

class PortfolioTest {

    @Test
    void totalValueIsCashPlusEveryPositionsMarketValue() {
        Portfolio portfolio = Portfolio.of(List.of(
                        new Position("VTI", new BigDecimal("10"), new BigDecimal("200.50"), new BigDecimal("2100.00")),
                        new Position("BND", new BigDecimal("2.5"), new BigDecimal("72.123456"), new BigDecimal("181.25"))),
                new CashBalance(new BigDecimal("150.25"), new BigDecimal("-12.34")));

        assertThat(portfolio.totalValueUsd()).isEqualTo(new BigDecimal("2431.50"));
        assertThat(portfolio.cashUsd()).isEqualTo(new BigDecimal("150.25"));
        assertThat(portfolio.dayChangeUsd()).isEqualTo(new BigDecimal("-12.34"));
        assertThat(portfolio.positions()).extracting(Position::symbol).containsExactly("VTI", "BND");
    }

    @Test
    void nothingReportedIsAnEmptyPortfolioOfZeroesToTheCent() {
        Portfolio portfolio = Portfolio.of(List.of(), CashBalance.NONE);

        assertThat(portfolio.totalValueUsd().toPlainString()).isEqualTo("0.00");
        assertThat(portfolio.cashUsd().toPlainString()).isEqualTo("0.00");
        assertThat(portfolio.dayChangeUsd().toPlainString()).isEqualTo("0.00");
        assertThat(portfolio.positions()).isEmpty();
    }

    @Test
    void cashAlwaysCarriesTwoPlaces() {
        CashBalance cash = new CashBalance(new BigDecimal("5"), new BigDecimal("0"));
        assertThat(cash.cashUsd().toPlainString()).isEqualTo("5.00");
        assertThat(cash.dayChangeUsd().toPlainString()).isEqualTo("0.00");
    }
}
