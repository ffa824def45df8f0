package com.stack.sandbox.market.domain;

/** The exchange refuses an order (or its cancel); each broker words the refusal its own way. */
public class OrderRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Not a symbol the sandbox quotes (or one of {@code unknown-symbols}). */
        UNKNOWN_SYMBOL,
        /** An option contract past its expiry. */
        CONTRACT_EXPIRED,
        /** A buy above the account's cash less what its open buys hold back. */
        INSUFFICIENT_BUYING_POWER,
        /** A sell above the position less what its open sells hold back. */
        INSUFFICIENT_QUANTITY,
        /** A notional sell worth less than the smallest quantity at the current price. */
        TOO_SMALL,
        /** A cancel of an order that already ended. */
        ALREADY_ENDED
    }

    private final Reason reason;

    public OrderRefusedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
