package com.stack.defaults.errors;

import java.util.Map;

/**
 * A business failure that a client may see. Each subclass names one kind of failure; the message is
 * written for the client, and {@link #code()} becomes {@code extensions.code} of the GraphQL error.
 */
public abstract class StackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected StackException(String message) {
        super(message, null, false, false);
    }

    /** A stable, upper-case error code clients can switch on. */
    public abstract String code();

    /** The kind of failure, for HTTP status mapping of non-GraphQL endpoints. */
    public abstract ErrorKind kind();

    /**
     * Details a client acts on, added to the GraphQL error's {@code extensions} beside {@code code} (such
     * as {@code retryAfter}); none by default.
     */
    public Map<String, Object> extensions() {
        return Map.of();
    }

    public enum ErrorKind {
        BAD_REQUEST,
        UNAUTHENTICATED,
        FORBIDDEN,
        NOT_FOUND,
        CONFLICT,
        TOO_MANY_REQUESTS,
        UNAVAILABLE
    }
}
