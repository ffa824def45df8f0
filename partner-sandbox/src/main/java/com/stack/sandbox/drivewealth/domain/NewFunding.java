package com.stack.sandbox.drivewealth.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A valid deposit or redemption request. Two requests under one Idempotency-Key are "the same" when
 * these are equal (the amount compared at two decimals: 125 and "125.00" are the same amount).
 *
 * @param amount USD, positive, scale 2
 * @param note   optional
 */
public record NewFunding(
        FundingKind kind, String accountNo, BigDecimal amount, String currency, String type, String note) {

    public static final String CURRENCY = "USD";

    public NewFunding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(accountNo, "accountNo");
        amount = amount.setScale(2);
    }
}
