package com.stack.funding.domain;

import java.time.Duration;

/** Exponential backoff between attempts of work kept in the database: {@code initial}, doubled per attempt, capped at {@code max}. */
public record RetryBackoff(Duration initial, Duration max) {

    /** The wait after the {@code attempts}-th failed attempt (1 after the first). */
    public Duration after(int attempts) {
        Duration wait = initial.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
