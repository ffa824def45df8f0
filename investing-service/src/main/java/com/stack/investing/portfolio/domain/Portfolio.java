package com.stack.investing.portfolio.domain;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

import com.stack.investing.shared.domain.Money;

/**
 * The user's positions valued at the market, and cash (funding's buying power): total value is cash plus the market
 * value of every position; the day's change is the positions'. Positions largest first, then by symbol.
 */
public record Portfolio(
        BigDecimal totalValueUsd, BigDecimal cashUsd, List<Position> positions, BigDecimal dayChangeUsd) {

    public static Portfolio of(List<Position> positions, BigDecimal cashUsd) {
        List<Position> sorted = positions.stream()
                .sorted(Comparator.comparing(Position::marketValue).reversed().thenComparing(Position::symbol))
                .toList();
        BigDecimal invested = sorted.stream().map(Position::marketValue).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal dayChange = sorted.stream().map(Position::dayChangeUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal cash = Money.usd(cashUsd);
        return new Portfolio(Money.usd(cash.add(invested)), cash, sorted, Money.usd(dayChange));
    }
}
