package com.stack.sandbox.identity;

/** A token request broke a rule; answered with 400 and the OAuth 2.0 "invalid_request" error. */
public class InvalidTokenRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidTokenRequestException(String description) {
        super(description, null, false, false);
    }
}
