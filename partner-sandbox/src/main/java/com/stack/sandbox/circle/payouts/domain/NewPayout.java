package com.stack.sandbox.circle.payouts.domain;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A valid payout request. Two requests under one idempotency key are "the same" when these are equal
 * (the amount compared at two decimals: "125" and "125.00" are the same amount).
 *
 * @param amount USD, positive, scale 2
 */
public record NewPayout(UUID idempotencyKey, String sourceWalletId, String destinationId, BigDecimal amount) {

    public static final String SOURCE_TYPE = "wallet";
    public static final String DESTINATION_TYPE = "wire";
    public static final String CURRENCY = "USD";

    public NewPayout {
        amount = amount.setScale(2);
    }
}
