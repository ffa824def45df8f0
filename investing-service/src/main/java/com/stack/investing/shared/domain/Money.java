package com.stack.investing.shared.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** US dollar amounts: exact decimals with two places. */
public final class Money {

    /** Banker's rounding, so that rounding many derived amounts does not drift in one direction. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    public static final BigDecimal ZERO_USD = usd(BigDecimal.ZERO);

    private Money() {}

    public static BigDecimal usd(BigDecimal amount) {
        return amount.setScale(2, ROUNDING);
    }
}
