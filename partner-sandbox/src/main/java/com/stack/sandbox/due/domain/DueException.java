package com.stack.sandbox.due.domain;

/** A request Due refuses, with the HTTP status and the body it answers. */
public class DueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final transient DueError body;

    public DueException(int httpStatus, String code, String message, String field) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.body = new DueError(new DueError.Detail(code, message, field));
    }

    public static DueException invalid(String field, String message) {
        return new DueException(400, "invalid_request", message, field);
    }

    public static DueException notFound(String message) {
        return new DueException(404, "not_found", message, null);
    }

    public static DueException quoteExpired(String token) {
        return new DueException(400, "quote_expired", "The quote " + token + " expired: request a new one", "quote");
    }

    public static DueException quoteUsed(String token) {
        return new DueException(
                400, "quote_used", "The quote " + token + " was used by another transfer: request a new one", "quote");
    }

    public static DueException idempotencyConflict() {
        return new DueException(
                409,
                "idempotency_conflict",
                "The Idempotency-Key was used before with a different request",
                "Idempotency-Key");
    }

    public int httpStatus() {
        return httpStatus;
    }

    public DueError body() {
        return body;
    }
}
