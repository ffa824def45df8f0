package com.stack.defaults.errors;

/** The operation needs a caller, and the request carried no valid bearer token. */
public class UnauthenticatedException extends StackException {

    private static final long serialVersionUID = 1L;

    public UnauthenticatedException() {
        super("A valid bearer token is required");
    }

    @Override
    public String code() {
        return "UNAUTHENTICATED";
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.UNAUTHENTICATED;
    }
}
