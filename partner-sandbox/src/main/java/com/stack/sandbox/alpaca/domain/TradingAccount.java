package com.stack.sandbox.alpaca.domain;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code GET /v1/trading/accounts/{id}/account}: the account's money. A cash account without positions:
 * buying power is the cash.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TradingAccount(String id, String accountNumber, String status, String currency, String cash, String buyingPower) {
}
