package com.stack.sandbox.faults.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An active fault: which requests of one partner it hits (method, path pattern, probability), what
 * it does to them (status, latency, timeout) and when it ends (after a duration, after a number of
 * hits, or when cleared).
 *
 * <p>A delivery fault ({@code delivery} set) acts instead on the partner's outbound notifications of
 * one type (or {@code "*"}: every type): it duplicates, drops or reorders them. It never hits a
 * request, and a request fault never hits a delivery; both share the budget (probability, count, expiry).
 */
public final class Fault {

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
    /** The notification type a delivery fault acts on ("*": any); {@code null} for a request fault. */
    private final String delivery;

    private final DeliveryFault.Kind deliveryKind;

    Fault(
            String id,
            String partner,
            String method,
            String pathPattern,
            Integer status,
            Duration latency,
            boolean timeout,
            double probability,
            Instant expiresAt,
            Integer count) {
        this(id, partner, method, pathPattern, status, latency, timeout, probability, expiresAt, count, null, null);
    }

    Fault(
            String id,
            String partner,
            String method,
            String pathPattern,
            Integer status,
            Duration latency,
            boolean timeout,
            double probability,
            Instant expiresAt,
            Integer count,
            String delivery,
            DeliveryFault.Kind deliveryKind) {
        this.delivery = delivery;
        this.deliveryKind = deliveryKind;
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

    /**
     * A request of {@code partner} with that method and path (relative to the partner's base) is in scope;
     * {@code pathMatches} tells whether a path pattern (Ant style: {@code *}, {@code **}, {@code {id}}) matches a path.
     */
    public boolean matches(
            String requestPartner, String requestMethod, String relativePath, BiPredicate<String, String> pathMatches) {
        return delivery == null
                && partner.equals(requestPartner)
                && (method == null || method.equals(requestMethod))
                && (pathPattern == null || pathMatches.test(pathPattern, relativePath));
    }

    /** A delivery fault of {@code deliveryPartner} for notifications of {@code type}, with one of {@code kinds}. */
    public boolean matchesDelivery(String deliveryPartner, String type, Set<DeliveryFault.Kind> kinds) {
        return delivery != null
                && partner.equals(deliveryPartner)
                && (delivery.equals("*") || delivery.equals(type))
                && kinds.contains(deliveryKind);
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

    /** The effect on a delivery this (delivery) fault hit. */
    public DeliveryFault deliveryEffect() {
        return new DeliveryFault(id, deliveryKind);
    }

    public View view() {
        return new View(
                id,
                partner,
                method,
                pathPattern,
                status,
                latency.toMillis(),
                timeout,
                probability,
                expiresAt,
                remaining == null ? null : remaining.get(),
                hits.get(),
                delivery,
                deliveryKind == null ? null : deliveryKind.wireName());
    }

    /**
     * How the control API shows a fault. {@code remaining} and {@code expiresAt} are null when unbounded;
     * {@code delivery} and {@code kind} appear only on a delivery fault.
     */
    public record View(
            String id,
            String partner,
            String method,
            String pathPattern,
            Integer status,
            long latencyMs,
            boolean timeout,
            double probability,
            Instant expiresAt,
            Integer remaining,
            long hits,
            @JsonInclude(JsonInclude.Include.NON_NULL) String delivery,
            @JsonInclude(JsonInclude.Include.NON_NULL) String kind) {}
}
