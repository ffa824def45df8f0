package com.stack.investing.order.domain;

/** An order request broke a rule: {@code code} (BAD_USER_INPUT or a code of its own) about {@code field}. */
public class InvalidOrderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String field;

    public InvalidOrderException(String code, String field, String message) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    /** A plain BAD_USER_INPUT about {@code field}: "{@code field} {@code problem}". */
    public static InvalidOrderException badInput(String field, String problem) {
        return new InvalidOrderException("BAD_USER_INPUT", field, field + " " + problem);
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
