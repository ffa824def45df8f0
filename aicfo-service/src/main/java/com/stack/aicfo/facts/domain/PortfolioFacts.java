package com.stack.aicfo.facts.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;

import com.stack.aicfo.facts.domain.SummaryFacts.Holding;
import com.stack.aicfo.facts.domain.SummaryFacts.Portfolio;

/**
 * A summary's portfolio from investing's valuation: holdings largest market value first (then by symbol), what is
 * invested (the sum of the market values), each holding's weight in it (percent, 1 decimal, half-even) and the
 * unrealized P&amp;L summed over the holdings. USD amounts to the cent. When it was valued is added by the caller
 * ({@link Portfolio#valued}).
 */
public final class PortfolioFacts {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private PortfolioFacts() {}

    /** One position as investing values it. */
    public record PositionValue(
            String symbol,
            String assetType,
            BigDecimal quantity,
            BigDecimal marketValueUsd,
            BigDecimal unrealizedPnlUsd) {}

    public static Portfolio of(
            BigDecimal totalValueUsd, BigDecimal cashUsd, BigDecimal dayChangeUsd, List<PositionValue> positions) {
        BigDecimal invested = positions.stream()
                .map(p -> Usd.cents(p.marketValueUsd()))
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(Usd.DECIMALS);
        BigDecimal unrealized = positions.stream()
                .map(p -> Usd.cents(orZero(p.unrealizedPnlUsd())))
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(Usd.DECIMALS);
        List<Holding> holdings = positions.stream()
                .sorted(Comparator.comparing((PositionValue p) -> p.marketValueUsd())
                        .reversed()
                        .thenComparing(PositionValue::symbol))
                .map(p -> new Holding(
                        p.symbol(),
                        p.assetType(),
                        p.quantity(),
                        Usd.cents(p.marketValueUsd()),
                        Usd.cents(orZero(p.unrealizedPnlUsd())),
                        weightPercent(Usd.cents(p.marketValueUsd()), invested)))
                .toList();
        return new Portfolio(
                Usd.cents(totalValueUsd),
                Usd.cents(cashUsd),
                invested,
                unrealized,
                Usd.cents(orZero(dayChangeUsd)),
                holdings,
                null,
                null);
    }

    /** {@code part} as a percentage of {@code whole}, 1 decimal, half-even; 0.0 of nothing invested. */
    static BigDecimal weightPercent(BigDecimal part, BigDecimal whole) {
        if (whole.signum() == 0) {
            return BigDecimal.ZERO.setScale(1);
        }
        return part.multiply(HUNDRED).divide(whole, 1, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal orZero(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }
}
