package com.stack.investing.domain;

import java.math.BigDecimal;
import java.util.List;

/** The user's holdings and cash, valued: total value is cash plus the market value of every position. */
public record Portfolio(BigDecimal totalValueUsd, BigDecimal cashUsd, List<Position> positions, BigDecimal dayChangeUsd) {

    public static Portfolio of(List<Position> positions, CashBalance cash) {
        BigDecimal invested = positions.stream().map(Position::marketValue).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Portfolio(Money.usd(cash.cashUsd().add(invested)), cash.cashUsd(), List.copyOf(positions),
                cash.dayChangeUsd());
    }
}
