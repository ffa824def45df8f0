package com.stack.sandbox.market.domain;

/**
 * Where an order stands, whichever broker took it: {@code ACCEPTED} by the broker (waiting for the
 * market to open), {@code NEW} at the exchange, then filled in part or in full, or ended otherwise.
 */
public enum OrderStatus {
    ACCEPTED,
    NEW,
    PARTIALLY_FILLED,
    FILLED,
    CANCELED,
    EXPIRED,
    REJECTED;

    /** Whether it may still fill, be canceled or expire. */
    public boolean isOpen() {
        return this == ACCEPTED || this == NEW || this == PARTIALLY_FILLED;
    }
}
