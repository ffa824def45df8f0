package com.stack.sandbox.alpaca.domain;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A brokerage account as {@code GET /v1/accounts/{id}} shows it (the subset the sandbox keeps).
 *
 * @param accountNumber "9" and 8 digits
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Account(
        String id,
        String accountNumber,
        String status,
        String currency,
        Instant createdAt,
        Contact contact,
        Identity identity,
        List<String> enabledAssets) {

    public static final String ACTIVE = "ACTIVE";
    public static final String USD = "USD";

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Contact(String emailAddress) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Identity(String givenName, String familyName) {}
}
