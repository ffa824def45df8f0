package com.stack.sandbox.circle.transactions.domain;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A valid request to send a token from a developer-controlled wallet. Without the entity secret
 * ciphertext, which is fresh on every request: two requests under one idempotency key are "the same"
 * when these are equal (the amount compared as a number: "10" and "10.000000" are the same).
 *
 * @param amount   USDC, positive, scale 6
 * @param feeLevel LOW, MEDIUM or HIGH
 * @param refId    {@code null} when not given
 */
public record NewTransaction(
        UUID idempotencyKey,
        UUID walletId,
        String destinationAddress,
        BigDecimal amount,
        String tokenId,
        String feeLevel,
        String refId) {

    public static final int DECIMALS = 6;

    public NewTransaction {
        amount = amount.setScale(DECIMALS);
    }
}
