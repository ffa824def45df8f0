package com.stack.onboarding.passcode.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * At most {@code maxChanges} passcode changes per user within any {@code window} (a sliding window): each
 * change costs an Argon2 hash, and a passcode changed at will would make the lockout moot.
 */
public record PasscodeChangeLimit(int maxChanges, Duration window) {

    public PasscodeChangeLimit {
        if (maxChanges < 1 || window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(
                    "the passcode change limit needs a count of at least 1 and a positive window");
        }
    }

    /** Changes at or before this instant no longer count. */
    public Instant windowStart(Instant now) {
        return now.minus(window);
    }

    /**
     * How long to wait before one more change is allowed, given the changes within the window and the
     * oldest of them; empty when it is allowed now.
     */
    public Optional<Duration> waitBeforeNext(long changesInWindow, Instant oldestInWindow, Instant now) {
        if (changesInWindow < maxChanges) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now, oldestInWindow.plus(window));
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }
}
