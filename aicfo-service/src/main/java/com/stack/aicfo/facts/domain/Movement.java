package com.stack.aicfo.facts.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Money that moved for a user, as aicfo keeps it from the events: a deposit credited as buying power, a withdrawal
 * completed, or an order that ended with something filled (filled notional, side, final status).
 *
 * @param side   {@code BUY} or {@code SELL} for an order, else null
 * @param status an order's final status ({@code FILLED} or {@code CANCELED}), else null
 */
public record Movement(Kind kind, BigDecimal amountUsd, String side, String status, Instant occurredAt) {

    public enum Kind {
        DEPOSIT,
        WITHDRAWAL,
        ORDER
    }

    public static final String FILLED = "FILLED";
    public static final String CANCELED = "CANCELED";
    public static final String BUY = "BUY";
    public static final String SELL = "SELL";

    /** An order that ended FILLED counts as an order filled; one canceled after a partial fill does not. */
    public boolean isOrderFilled() {
        return kind == Kind.ORDER && FILLED.equals(status);
    }
}
