package com.stack.sandbox.alpaca.domain;

/**
 * A request Alpaca refuses, with its HTTP status and Alpaca's error code: the status followed by
 * {@code 10000} (40310000 for a 403), except a malformed request's 40010001.
 */
public class AlpacaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final int MALFORMED = 40010001;

    private final int httpStatus;
    private final transient AlpacaError body;

    public AlpacaException(int httpStatus, int code, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.body = new AlpacaError(code, message);
    }

    /** Alpaca's code for {@code status}. */
    public static int codeOf(int status) {
        return status == 400 ? MALFORMED : status * 100_000 + 10_000;
    }

    public static AlpacaException malformed(String message) {
        return new AlpacaException(400, MALFORMED, message);
    }

    /** A well-formed request that breaks a rule (a field's value, a reused idempotency key). */
    public static AlpacaException unprocessable(String message) {
        return new AlpacaException(422, codeOf(422), message);
    }

    public static AlpacaException forbidden(String message) {
        return new AlpacaException(403, codeOf(403), message);
    }

    public static AlpacaException notFound(String message) {
        return new AlpacaException(404, codeOf(404), message);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public AlpacaError body() {
        return body;
    }
}
