package com.stack.sandbox.alpaca.domain;

import java.math.BigDecimal;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code GET /v1/trading/accounts/{id}/account}: the account's money. A cash account: buying power, and the cash
 * that may be withdrawn, is the cash less what open buy orders hold back.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TradingAccount(
        String id,
        String accountNumber,
        String status,
        String currency,
        String cash,
        String buyingPower,
        String cashWithdrawable) {

    public TradingAccount withBuyingPower(BigDecimal buyingPower) {
        String available = buyingPower.setScale(2).toPlainString();
        return new TradingAccount(id, accountNumber, status, currency, cash, available, available);
    }
}
