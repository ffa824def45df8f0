package com.stack.wallet.domain;

import java.time.Duration;

/**
 * How long a wallet waits before its next attempt at the custodian after {@code attempts} failed ones:
 * {@code initial}, doubled per attempt, at most {@code max}. The custodian's idempotency key makes every
 * retry ask for the same wallet, so retrying is always safe.
 */
public record ProvisioningBackoff(Duration initial, Duration max) {

    public ProvisioningBackoff {
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
