package com.stack.onboarding.passcode.app;

import java.time.Duration;
import java.util.Map;

import com.stack.defaults.errors.ConflictException;

/**
 * {@code REAUTHENTICATION_REQUIRED}: a locked passcode may only be replaced by a user who signed in
 * recently (within {@code extensions.maxAgeSeconds}); the client signs the user in again and retries
 * with the fresh token.
 */
public class ReauthenticationRequiredException extends ConflictException {

    private static final long serialVersionUID = 1L;

    private final long maxAgeSeconds;

    public ReauthenticationRequiredException(Duration maxAge) {
        super("REAUTHENTICATION_REQUIRED", "The passcode is locked; sign in again to set a new one");
        this.maxAgeSeconds = maxAge.toSeconds();
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("maxAgeSeconds", maxAgeSeconds);
    }
}
