package com.stack.defaults.errors;

import java.time.Duration;
import java.util.Map;

/**
 * The request was refused for now and may succeed later: the caller made too many of them
 * ({@code RATE_LIMITED}) or the service has no capacity left for this kind of work ({@code BUSY}).
 * Nothing was done. {@code extensions.retryAfter} says in how many whole seconds (at least 1) to try again.
 */
public class RetryLaterException extends StackException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final ErrorKind kind;
    private final Duration retryAfter;

    protected RetryLaterException(String code, ErrorKind kind, String message, Duration retryAfter) {
        super(message);
        this.code = code;
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    /** The caller exceeded a limit on how often they may do this; {@code retryAfter} is when the limit lets them. */
    public static RetryLaterException rateLimited(String message, Duration retryAfter) {
        return new RetryLaterException("RATE_LIMITED", ErrorKind.TOO_MANY_REQUESTS, message, retryAfter);
    }

    /** The service cannot take more of this work right now, whoever asks. */
    public static RetryLaterException busy(String message, Duration retryAfter) {
        return new RetryLaterException("BUSY", ErrorKind.UNAVAILABLE, message, retryAfter);
    }

    /** When to try again, in whole seconds rounded up, at least 1. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("retryAfter", retryAfterSeconds());
    }
}
