package com.stack.defaults.errors;

/** The caller is authenticated but asked for something that is not theirs. */
public class ForbiddenException extends StackException {

    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "FORBIDDEN";
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.FORBIDDEN;
    }
}
