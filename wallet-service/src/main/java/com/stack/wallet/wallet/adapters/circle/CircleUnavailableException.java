package com.stack.wallet.wallet.adapters.circle;

/**
 * Circle could not serve the request now: a 5xx or 429 answer, no answer in time, no connection, or its
 * circuit breaker is open after repeated failures. Transient: the same (idempotent) request is retried later.
 */
public class CircleUnavailableException extends CircleException {

    private static final long serialVersionUID = 1L;

    public CircleUnavailableException(String message, int httpStatus, Integer circleCode, Throwable cause) {
        super(message, httpStatus, circleCode, cause);
    }

    public CircleUnavailableException(String message, Throwable cause) {
        this(message, 0, null, cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
