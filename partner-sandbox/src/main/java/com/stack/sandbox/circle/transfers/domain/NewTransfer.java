package com.stack.sandbox.circle.transfers.domain;

import java.math.BigDecimal;
import java.util.UUID;

import com.stack.sandbox.circle.wallets.domain.Blockchain;

/**
 * A valid request for a business-account transfer: USD of the business account, sent 1:1 as USDC to
 * an address on a chain. Two requests under one idempotency key are "the same" when these are equal
 * (the amount at two decimals: "10" and "10.00" are the same amount; the address exactly as given).
 *
 * @param amount USD, positive, scale 2
 */
public record NewTransfer(UUID idempotencyKey, String address, Blockchain chain, BigDecimal amount) {

    public static final String DESTINATION_TYPE = "blockchain";
    public static final String SOURCE_TYPE = "wallet";
    public static final String CURRENCY = "USD";

    public NewTransfer {
        amount = amount.setScale(2);
    }
}
