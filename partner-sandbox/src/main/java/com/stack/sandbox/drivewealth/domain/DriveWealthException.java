package com.stack.sandbox.drivewealth.domain;

import java.util.List;

/** A request DriveWealth refuses, with the HTTP status and the body DriveWealth answers. */
public class DriveWealthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** No session, an expired or unknown token, a wrong app key or wrong client credentials. */
    public static final String UNAUTHORIZED = "L075";

    public static final String INSUFFICIENT_FUNDS = "E030";
    public static final String INVALID_REQUEST = "E032";
    public static final String NOT_FOUND = "E034";
    public static final String IDEMPOTENCY_KEY_REUSED = "E041";
    public static final String ORDER_INSUFFICIENT_FUNDS = "O016";
    public static final String ORDER_INSUFFICIENT_POSITION = "O029";
    public static final String UNKNOWN_INSTRUMENT = "I050";
    /** A cancel of an order that already ended (the sandbox's code: DriveWealth's is not known here). */
    public static final String ORDER_NOT_CANCELABLE = "O022";
    /** What the sandbox answers for an injected 5xx or 429: DriveWealth's own code for those is not known here. */
    public static final String SERVICE_FAILURE = "E099";

    private final int httpStatus;
    private final transient DriveWealthError body;

    public DriveWealthException(int httpStatus, DriveWealthError body) {
        super(body.message(), null, false, false);
        this.httpStatus = httpStatus;
        this.body = body;
    }

    public static DriveWealthException unauthorized(String message) {
        return new DriveWealthException(401, new DriveWealthError(UNAUTHORIZED, message, null));
    }

    public static DriveWealthException invalid(List<DriveWealthError.FieldError> errors) {
        String message = errors.size() == 1 ? errors.get(0).message() : "The request has invalid fields";
        return new DriveWealthException(400, new DriveWealthError(INVALID_REQUEST, message, List.copyOf(errors)));
    }

    public static DriveWealthException invalid(String field, String message) {
        return invalid(List.of(new DriveWealthError.FieldError(field, message)));
    }

    public static DriveWealthException notFound(String message) {
        return new DriveWealthException(404, new DriveWealthError(NOT_FOUND, message, null));
    }

    public static DriveWealthException idempotencyKeyReused() {
        return new DriveWealthException(
                422,
                new DriveWealthError(
                        IDEMPOTENCY_KEY_REUSED, "The Idempotency-Key was already used for a different request", null));
    }

    public static DriveWealthException insufficientFunds(String accountNo) {
        return new DriveWealthException(
                422,
                new DriveWealthError(
                        INSUFFICIENT_FUNDS,
                        "insufficient funds: the cash available for withdrawal of " + accountNo
                                + " is less than the amount",
                        null));
    }

    /** A 400 with {@code errorCode}, as DriveWealth refuses an order. */
    public static DriveWealthException orderRefused(String errorCode, String message) {
        return new DriveWealthException(400, new DriveWealthError(errorCode, message, null));
    }

    public int httpStatus() {
        return httpStatus;
    }

    public DriveWealthError body() {
        return body;
    }
}
