package com.stack.sandbox.faults.domain;

/** A fault request broke a rule; answered with 400 naming the field. */
public class InvalidFaultException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidFaultException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
