package com.stack.investing.order.domain;

/** An order's state as the broker reported it. */
public enum BrokerOrderState {
    ACCEPTED,
    PARTIALLY_FILLED,
    FILLED,
    CANCELED,
    REJECTED,
    EXPIRED;

    public boolean isFinal() {
        return this == FILLED || this == CANCELED || this == REJECTED || this == EXPIRED;
    }
}
