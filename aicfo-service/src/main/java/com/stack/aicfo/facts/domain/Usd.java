package com.stack.aicfo.facts.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** USD amounts as the events carry them (exact decimal strings) and as summaries state them (2 decimals). */
public final class Usd {

    public static final int DECIMALS = 2;
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(DECIMALS);

    private Usd() {}

    /**
     * The exact amount of an event's decimal string ("100.000000", "12.5").
     *
     * @throws IllegalArgumentException when it is missing, not a plain decimal, or negative
     */
    public static BigDecimal parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no amount");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal amount: " + text, e);
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("a negative amount: " + text);
        }
        return amount;
    }

    /**
     * What a deposit of {@code usdc} credits as buying power: funding's off-ramp pays whole cents, rounded down
     * (the sub-cent dust never reaches the broker), counting 1 USDC = 1 USD.
     */
    public static BigDecimal creditedByDeposit(BigDecimal usdc) {
        return usdc.setScale(DECIMALS, RoundingMode.DOWN);
    }

    /** An amount stated to the cent, half-even (amounts already in cents are unchanged). */
    public static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(DECIMALS, RoundingMode.HALF_EVEN);
    }

    /**
     * Buying power stated to the cent, rounded down: a summary never states more than the user can spend
     * (the ledger keeps 6 decimals).
     */
    public static BigDecimal buyingPower(BigDecimal exact) {
        return exact.setScale(DECIMALS, RoundingMode.DOWN);
    }
}
