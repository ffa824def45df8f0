package com.stack.defaults.errors;

/** A client's input broke a rule; names the field and says what is expected. */
public class InvalidInputException extends StackException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInputException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public String code() {
        return "BAD_USER_INPUT";
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.BAD_REQUEST;
    }
}
