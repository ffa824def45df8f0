package com.stack.defaults.resilience;

import java.time.Duration;

/**
 * How long work kept in the database (a wallet to open, a push to deliver) waits before its next attempt after
 * {@code attempts} failed ones: {@code initial}, doubled per attempt, at most {@code max}. For retries across
 * passes of a sweeping loop; a single partner call's retries are {@link PartnerResilience}'s.
 */
public record RetryBackoff(Duration initial, Duration max) {

    public RetryBackoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    public Duration delayAfter(int attempts) {
        if (attempts <= 1) {
            return initial;
        }
        int doublings = Math.min(attempts - 1, 30);
        long millis = initial.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
