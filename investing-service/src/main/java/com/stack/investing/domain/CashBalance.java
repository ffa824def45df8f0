package com.stack.investing.domain;

import java.math.BigDecimal;

/** The brokerage account's cash and the day's change in account value, as the broker last reported them. */
public record CashBalance(BigDecimal cashUsd, BigDecimal dayChangeUsd) {

    /** A user the brokerage has reported nothing for yet. */
    public static final CashBalance NONE = new CashBalance(BigDecimal.ZERO, BigDecimal.ZERO);

    public CashBalance {
        cashUsd = Money.usd(cashUsd);
        dayChangeUsd = Money.usd(dayChangeUsd);
    }
}
