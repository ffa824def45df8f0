package com.stack.aicfo.facts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import com.stack.aicfo.facts.domain.PortfolioFacts.PositionValue;
import com.stack.aicfo.facts.domain.SummaryFacts.Holding;
import com.stack.aicfo.facts.domain.SummaryFacts.Portfolio;
import org.junit.jupiter.api.Test;

class PortfolioFactsTest {

    static PositionValue position(String symbol, String marketValue, String pnl) {
        return new PositionValue(
                symbol,
                "STOCK",
                new BigDecimal("1.5"),
                new BigDecimal(marketValue),
                pnl == null ? null : new BigDecimal(pnl));
    }

    static BigDecimal usd(String value) {
        return new BigDecimal(value);
    }

    @Test
    void holdingsAreLargestFirstWeighedInWhatIsInvested() {
        Portfolio portfolio = PortfolioFacts.of(
                usd("1200.00"),
                usd("200.00"),
                usd("-3.10"),
                List.of(
                        position("VTI", "250.00", "10.00"),
                        position("AAPL", "500.00", "-2.50"),
                        position("MSFT", "250.00", null)));

        assertThat(portfolio.investedUsd()).isEqualTo(usd("1000.00"));
        assertThat(portfolio.unrealizedPnlUsd()).isEqualTo(usd("7.50"));
        assertThat(portfolio.totalValueUsd()).isEqualTo(usd("1200.00"));
        assertThat(portfolio.cashUsd()).isEqualTo(usd("200.00"));
        assertThat(portfolio.dayChangeUsd()).isEqualTo(usd("-3.10"));
        // equal market values: by symbol
        assertThat(portfolio.holdings()).extracting(Holding::symbol).containsExactly("AAPL", "MSFT", "VTI");
        assertThat(portfolio.holdings())
                .extracting(Holding::weightPercent)
                .containsExactly(usd("50.0"), usd("25.0"), usd("25.0"));
        assertThat(portfolio.holdings().get(1).unrealizedPnlUsd()).isEqualTo(usd("0.00"));
    }

    @Test
    void weightsAreRoundedHalfEvenToOneDecimal() {
        // 1/3 = 33.333..%; 1/8 = 12.5% exactly; 0.25/1000 = 0.025% -> 0.0 (half-even), 0.35/1000 = 0.035% -> 0.0
        assertThat(PortfolioFacts.weightPercent(usd("1.00"), usd("3.00"))).isEqualTo(usd("33.3"));
        assertThat(PortfolioFacts.weightPercent(usd("2.00"), usd("3.00"))).isEqualTo(usd("66.7"));
        assertThat(PortfolioFacts.weightPercent(usd("1.00"), usd("8.00"))).isEqualTo(usd("12.5"));
        assertThat(PortfolioFacts.weightPercent(usd("0.25"), usd("1000.00"))).isEqualTo(usd("0.0"));
        assertThat(PortfolioFacts.weightPercent(usd("1.25"), usd("1000.00"))).isEqualTo(usd("0.1"));
        assertThat(PortfolioFacts.weightPercent(usd("1.75"), usd("1000.00"))).isEqualTo(usd("0.2"));
        assertThat(PortfolioFacts.weightPercent(usd("0.00"), usd("0.00"))).isEqualTo(usd("0.0"));
    }

    @Test
    void noPositionsInvestNothing() {
        Portfolio portfolio = PortfolioFacts.of(usd("50.00"), usd("50.00"), null, List.of());
        assertThat(portfolio.investedUsd()).isEqualTo(usd("0.00"));
        assertThat(portfolio.dayChangeUsd()).isEqualTo(usd("0.00"));
        assertThat(portfolio.holdings()).isEmpty();
    }
}
