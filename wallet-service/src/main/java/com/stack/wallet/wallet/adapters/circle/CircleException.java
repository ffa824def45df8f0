package com.stack.wallet.wallet.adapters.circle;

/**
 * A failed call to Circle, translated from Circle's HTTP status and error body {@code {code, message}} (or
 * from a transport failure) so that nothing of Circle's wire format leaks past this package.
 */
public abstract class CircleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final Integer circleCode;

    protected CircleException(String message, int httpStatus, Integer circleCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.circleCode = circleCode;
    }

    /** The HTTP status Circle answered with; 0 when it did not answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Circle's error code from the body, or null. */
    public Integer circleCode() {
        return circleCode;
    }

    /** Whether the same request may succeed later (an outage), as opposed to being refused as it is. */
    public abstract boolean isTransient();
}
