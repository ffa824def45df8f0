package com.stack.onboarding.passcode.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.stack.defaults.errors.RetryLaterException;

/**
 * {@code PASSCODE_LOCKED}: too many wrong passcodes in a row; no guess is tried (or counted) until
 * {@code lockedUntil}. {@code extensions.retryAfter} (whole seconds) and {@code extensions.lockedUntil}
 * (ISO-8601) say when.
 */
public class PasscodeLockedException extends RetryLaterException {

    private static final long serialVersionUID = 1L;

    private final Instant lockedUntil;

    public PasscodeLockedException(Instant lockedUntil, Instant now) {
        super(
                "PASSCODE_LOCKED",
                ErrorKind.CONFLICT,
                "Too many failed attempts; try again after " + lockedUntil,
                Duration.between(now, lockedUntil));
        this.lockedUntil = lockedUntil;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("retryAfter", retryAfterSeconds(), "lockedUntil", lockedUntil.toString());
    }
}
