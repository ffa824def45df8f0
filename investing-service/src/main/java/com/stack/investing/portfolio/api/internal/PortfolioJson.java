package com.stack.investing.portfolio.api.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.stack.investing.portfolio.domain.Portfolio;
import com.stack.investing.portfolio.domain.Position;

/**
 * A portfolio as the internal API answers it: the figures of {@code me.portfolio}, amounts as exact decimal strings
 * (the API's {@code Decimal}: USD to the cent, quantity and average price unrounded), and when it was valued.
 */
record PortfolioJson(
        String totalValueUsd, String cashUsd, String dayChangeUsd, List<PositionJson> positions, Instant asOf) {

    static PortfolioJson of(Portfolio portfolio, Instant asOf) {
        return new PortfolioJson(
                text(portfolio.totalValueUsd()),
                text(portfolio.cashUsd()),
                text(portfolio.dayChangeUsd()),
                portfolio.positions().stream().map(PositionJson::of).toList(),
                asOf);
    }

    record PositionJson(
            String symbol,
            String assetType,
            String quantity,
            String averagePrice,
            String marketValueUsd,
            String costBasisUsd,
            String unrealizedPnlUsd) {

        static PositionJson of(Position position) {
            return new PositionJson(
                    position.symbol(),
                    position.assetType().name(),
                    text(position.quantity()),
                    text(position.averagePrice()),
                    text(position.marketValue()),
                    text(position.costBasisUsd()),
                    text(position.unrealizedPnl()));
        }
    }

    private static String text(BigDecimal value) {
        return value.toPlainString();
    }
}
