package com.stack.funding.partner.adapters.circle;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * At most {@code perPeriod} lookups within any {@code period}, refilled evenly (a token bucket as the generic cell
 * rate algorithm keeps it: one timestamp, the time at which the bucket is full again). Taken with a compare-and-set
 * loop that never parks the thread: it runs on event loops (resilience4j's AtomicRateLimiter backs off with
 * {@code parkNanos} under contention, a blocking call there).
 */
final class KeyLookupBudget {

    private final long intervalNanos;
    private final long burstNanos;
    private final LongSupplier nanoClock;
    /** when the bucket would be full again, on {@code nanoClock}'s scale; at or before now when it is full */
    private final AtomicLong fullAt;

    KeyLookupBudget(int perPeriod, Duration period, LongSupplier nanoClock) {
        if (perPeriod < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a lookup budget is at least 1 in a positive period");
        }
        this.intervalNanos = period.toNanos() / perPeriod;
        this.burstNanos = period.toNanos() - intervalNanos;
        this.nanoClock = nanoClock;
        this.fullAt = new AtomicLong(nanoClock.getAsLong());
    }

    /** Takes one lookup if the budget has one: {@link Duration#ZERO}; otherwise how long until it has one. */
    Duration take() {
        while (true) {
            long now = nanoClock.getAsLong();
            long stored = fullAt.get();
            long from = stored - now > 0 ? stored : now;
            long wait = from - burstNanos - now;
            if (wait > 0) {
                return Duration.ofNanos(wait);
            }
            if (fullAt.compareAndSet(stored, from + intervalNanos)) {
                return Duration.ZERO;
            }
        }
    }
}
