package com.stack.defaults.errors;

/** The thing asked for does not exist, or is not the caller's (the two are not told apart). */
public class NotFoundException extends StackException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String what) {
        super(what + " not found");
    }

    @Override
    public String code() {
        return "NOT_FOUND";
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.NOT_FOUND;
    }
}
