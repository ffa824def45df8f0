package com.stack.sandbox.alpaca.domain;

import java.math.BigDecimal;

/**
 * A valid journal request. Two requests under one idempotency key are "the same" when these are equal
 * (the amount compared at two decimals: "125" and "125.00" are the same amount).
 *
 * @param amount USD, positive, scale 2
 */
public record NewJournal(
        String entryType, String fromAccount, String toAccount, BigDecimal amount, String description) {

    public static final String JNLC = "JNLC";

    public NewJournal {
        amount = amount.setScale(2);
    }
}
