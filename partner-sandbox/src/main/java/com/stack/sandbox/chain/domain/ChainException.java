package com.stack.sandbox.chain.domain;

import com.stack.sandbox.partners.ControlError;

/** A control request the simulated chain refuses, with the HTTP status and the control API's error body. */
public class ChainException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final transient ControlError body;

    public ChainException(int httpStatus, ControlError body) {
        super(body.message(), null, false, false);
        this.httpStatus = httpStatus;
        this.body = body;
    }

    public static ChainException invalid(String field, String message) {
        return new ChainException(400, ControlError.invalid(field, message));
    }

    public static ChainException notFound(String message) {
        return new ChainException(404, ControlError.notFound(message));
    }

    public int httpStatus() {
        return httpStatus;
    }

    public ControlError body() {
        return body;
    }
}
