package com.stack.investing.order.domain;

import java.util.Locale;

/** What the broker loop has to do with an order next. */
public enum NextAction {
    /** Place the order at the broker (again: placing is idempotent by the client order id). */
    SUBMIT,
    /** Ask the broker to cancel the order, or cancel it here when it never reached the broker. */
    CANCEL;

    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NextAction fromColumn(String value) {
        return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
