package com.stack.defaults.errors;

/** A client's input broke a rule; names the field and says what is expected. */
public class InvalidInputException extends StackException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String code;

    public InvalidInputException(String field, String problem) {
        this("BAD_USER_INPUT", field, field + " " + problem);
    }

    /** With a code of its own (such as {@code INVALID_ADDRESS_CHECKSUM}) where clients tell the rules apart. */
    public InvalidInputException(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.BAD_REQUEST;
    }
}
