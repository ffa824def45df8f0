package com.stack.sandbox.market.domain;

import java.math.BigDecimal;

/**
 * An order a broker passes to the exchange, checked for its shape by the broker's API: either a
 * quantity or a notional (equities only), a limit price for limit orders, whole quantities for options.
 *
 * @param accountId the broker's account id (cash and positions are kept per account id)
 * @param accountNo the account number where the broker has one (DriveWealth), else the id
 * @param quantity  {@code null} for a notional order
 * @param notional  USD, {@code null} for a quantity order
 */
public record NewOrder(
        String partner,
        String accountId,
        String accountNo,
        String clientOrderId,
        Instrument instrument,
        Side side,
        OrderType type,
        BigDecimal quantity,
        BigDecimal notional,
        BigDecimal limitPrice) {}
