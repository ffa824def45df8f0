package com.stack.sandbox.alpaca.domain;

import java.math.BigDecimal;

/**
 * A valid outgoing wire request of one account. Two requests under one idempotency key are "the same" when
 * these are equal (the amount compared at two decimals; the account is part of it: a key reused on another
 * account is a different request).
 *
 * @param amount USD, positive, scale 2
 */
public record NewTransfer(String accountId, String bankId, BigDecimal amount, String additionalInformation) {

    public NewTransfer {
        amount = amount.setScale(2);
    }
}
