package com.stack.aicfo.facts.domain;

import java.math.BigDecimal;
import java.util.List;

import com.stack.aicfo.facts.domain.SummaryFacts.Flows;

/**
 * What moved within a period, summed from its {@link Movement}s: deposits and withdrawals (count and total),
 * orders filled, and the notional bought and sold (filled orders and the filled part of canceled ones). USD, 2
 * decimals.
 */
public record PeriodTotals(
        Flows deposits, Flows withdrawals, int ordersFilled, BigDecimal boughtUsd, BigDecimal soldUsd) {

    public static PeriodTotals of(List<Movement> movements) {
        int deposits = 0;
        int withdrawals = 0;
        int filled = 0;
        BigDecimal deposited = BigDecimal.ZERO;
        BigDecimal withdrawn = BigDecimal.ZERO;
        BigDecimal bought = BigDecimal.ZERO;
        BigDecimal sold = BigDecimal.ZERO;
        for (Movement movement : movements) {
            switch (movement.kind()) {
                case DEPOSIT -> {
                    deposits++;
                    deposited = deposited.add(movement.amountUsd());
                }
                case WITHDRAWAL -> {
                    withdrawals++;
                    withdrawn = withdrawn.add(movement.amountUsd());
                }
                case ORDER -> {
                    if (movement.isOrderFilled()) {
                        filled++;
                    }
                    if (Movement.SELL.equals(movement.side())) {
                        sold = sold.add(movement.amountUsd());
                    } else {
                        bought = bought.add(movement.amountUsd());
                    }
                }
            }
        }
        return new PeriodTotals(
                new Flows(deposits, Usd.cents(deposited)),
                new Flows(withdrawals, Usd.cents(withdrawn)),
                filled,
                Usd.cents(bought),
                Usd.cents(sold));
    }
}
