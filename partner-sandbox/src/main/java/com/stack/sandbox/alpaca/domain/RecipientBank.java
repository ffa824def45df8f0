package com.stack.sandbox.alpaca.domain;

import java.time.Instant;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A bank account an Alpaca account may wire its cash to, as {@code GET /v1/accounts/{id}/recipient_banks} shows
 * it. The sandbox approves every one at once.
 *
 * @param bankCode     the ABA routing number ({@code bank_code_type} {@code ABA}) or the BIC ({@code BIC})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecipientBank(
        String id,
        String accountId,
        String name,
        String status,
        String country,
        String bankCode,
        String bankCodeType,
        String accountNumber,
        Instant createdAt) {

    public static final String APPROVED = "APPROVED";
    public static final String CANCELED = "CANCELED";
    public static final String ABA = "ABA";
    public static final String BIC = "BIC";
    public static final String US = "US";
}
