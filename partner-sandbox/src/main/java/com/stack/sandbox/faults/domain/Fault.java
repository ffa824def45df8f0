package com.stack.sandbox.faults.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.util.AntPathMatcher;

/**
 * An active fault: which requests of one partner it hits (method, path pattern, probability), what
 * it does to them (status, latency, timeout) and when it ends (after a duration, after a number of
 * hits, or when cleared).
 *
 * <p>The matching and the budget (probability, count, expiry) do not depend on the effect: faults on
 * the partner's outbound deliveries (drop, duplicate, delay a webhook) can reuse them with effects of
 * their own.
 */
public final class Fault {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final String id;
    private final String partner;
    private final String method;
    private final String pathPattern;
    private final Integer status;
    private final Duration latency;
    private final boolean timeout;
    private final double probability;
    private final Instant expiresAt;
    /** Hits left; {@code null} when unbounded. */
    private final AtomicInteger remaining;
    private final AtomicLong hits = new AtomicLong();

    Fault(String id, String partner, String method, String pathPattern, Integer status, Duration latency, boolean timeout,
            double probability, Instant expiresAt, Integer count) {
        this.id = id;
        this.partner = partner;
        this.method = method;
        this.pathPattern = pathPattern;
        this.status = status;
        this.latency = latency;
        this.timeout = timeout;
        this.probability = probability;
        this.expiresAt = expiresAt;
        this.remaining = count == null ? null : new AtomicInteger(count);
    }

    public String id() {
        return id;
    }

    /** Past its duration, or out of hits. */
    public boolean isOver(Instant now) {
        return (expiresAt != null && !now.isBefore(expiresAt)) || (remaining != null && remaining.get() <= 0);
    }

    /** A request of {@code partner} with that method and path (relative to the partner's base) is in scope. */
    public boolean matches(String requestPartner, String requestMethod, String relativePath) {
        return partner.equals(requestPartner)
                && (method == null || method.equals(requestMethod))
                && (pathPattern == null || PATHS.match(pathPattern, relativePath));
    }

    /**
     * Decides whether this matching request is hit, taking one from the count when it is. Safe under
     * concurrent requests: a fault with count N hits exactly N requests.
     *
     * @param roll a uniform random number in [0, 1), compared with the probability
     */
    public boolean tryHit(double roll, Instant now) {
        if (roll >= probability || (expiresAt != null && !now.isBefore(expiresAt))) {
            return false;
        }
        if (remaining != null) {
            int left;
            do {
                left = remaining.get();
                if (left <= 0) {
                    return false;
                }
            } while (!remaining.compareAndSet(left, left - 1));
        }
        hits.incrementAndGet();
        return true;
    }

    /** The effect on a request this fault hit. */
    public RequestFault effect() {
        return new RequestFault(id, status, latency, timeout);
    }

    public View view() {
        return new View(id, partner, method, pathPattern, status, latency.toMillis(), timeout, probability,
                expiresAt, remaining == null ? null : remaining.get(), hits.get());
    }

    /** How the control API shows a fault. {@code remaining} and {@code expiresAt} are null when unbounded. */
    public record View(String id, String partner, String method, String pathPattern, Integer status, long latencyMs,
            boolean timeout, double probability, Instant expiresAt, Integer remaining, long hits) {
    }
}
