package com.stack.sandbox.google.domain;

/** A token request Google's OAuth endpoint refuses (always a 400 there). */
public class OAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String error;

    public OAuthException(String error, String description) {
        super(description, null, false, false);
        this.error = error;
    }

    public static OAuthException invalidGrant(String description) {
        return new OAuthException("invalid_grant", description);
    }

    public OAuthError body() {
        return new OAuthError(error, getMessage());
    }
}
