package com.stack.defaults.errors;

/** The request conflicts with existing state (a unique value already taken, a stale transition). */
public class ConflictException extends StackException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public ConflictException(String code, String message) {
        super(message);
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.CONFLICT;
    }
}
