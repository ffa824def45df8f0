package com.stack.sandbox.faults.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * A request to inject a fault into one partner's API (the JSON body of {@code POST /sandbox/faults}).
 * Every field but {@code partner} is optional; at least one effect ({@code status},
 * {@code latencyMs} above zero, {@code timeout}) is required.
 *
 * @param partner         the partner's name, such as "circle" or "kyc"
 * @param method          only requests with this HTTP method; any when absent
 * @param pathPattern     only requests whose path below the partner's base matches this Ant-style
 *                        pattern ("/v1/w3s/developer/wallets", "/v1/applicants/**"); any when absent
 * @param status          answer with this status (400 to 599) in the partner's error format, without
 *                        reaching the partner
 * @param latencyMs       wait this long first (0 to 300000)
 * @param timeout         hold the connection without answering, until the client gives up
 * @param probability     the chance (above 0, at most 1) that a matching request is hit; 1 when absent
 * @param durationSeconds the fault ends this long after it was created
 * @param count           the fault ends after hitting this many requests (or deliveries)
 * @param delivery        makes it a delivery fault: the partner's outbound notifications of this type
 *                        ("transactions.inbound"; "*" for every type) are hit instead of requests
 * @param kind            a delivery fault's effect: "duplicate", "drop" or "reorder"
 */
public record FaultSpec(
        String partner,
        String method,
        String pathPattern,
        Integer status,
        Long latencyMs,
        Boolean timeout,
        Double probability,
        Long durationSeconds,
        Integer count,
        String delivery,
        String kind) {

    static final int MAX_DELIVERY_LENGTH = 128;

    /** A request fault. */
    public FaultSpec(
            String partner,
            String method,
            String pathPattern,
            Integer status,
            Long latencyMs,
            Boolean timeout,
            Double probability,
            Long durationSeconds,
            Integer count) {
        this(partner, method, pathPattern, status, latencyMs, timeout, probability, durationSeconds, count, null, null);
    }

    static final long MAX_LATENCY_MS = 300_000;
    static final long MAX_DURATION_SECONDS = 86_400;
    static final int MAX_COUNT = 1_000_000;
    static final int MAX_PATTERN_LENGTH = 512;
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /**
     * The fault this asks for, created now with {@code id}.
     *
     * @param knownPartners the names of the partners the sandbox emulates
     * @throws InvalidFaultException naming the first field that breaks a rule
     */
    public Fault toFault(String id, Instant now, Set<String> knownPartners) {
        if (partner == null || !knownPartners.contains(partner)) {
            throw new InvalidFaultException(
                    "partner",
                    "partner must be one of " + knownPartners.stream().sorted().toList());
        }
        if (delivery != null || kind != null) {
            return toDeliveryFault(id, now);
        }
        String normalizedMethod = method == null ? null : method.toUpperCase(Locale.ROOT);
        if (normalizedMethod != null && !METHODS.contains(normalizedMethod)) {
            throw new InvalidFaultException(
                    "method",
                    "method must be one of " + METHODS.stream().sorted().toList());
        }
        if (pathPattern != null && (!pathPattern.startsWith("/") || pathPattern.length() > MAX_PATTERN_LENGTH)) {
            throw new InvalidFaultException(
                    "pathPattern",
                    "pathPattern must start with '/' (it is relative to the partner's base path) and be at most "
                            + MAX_PATTERN_LENGTH + " characters");
        }
        if (status != null && (status < 400 || status > 599)) {
            throw new InvalidFaultException("status", "status must be between 400 and 599");
        }
        long latency = latencyMs == null ? 0 : latencyMs;
        if (latency < 0 || latency > MAX_LATENCY_MS) {
            throw new InvalidFaultException("latencyMs", "latencyMs must be between 0 and " + MAX_LATENCY_MS);
        }
        boolean holds = Boolean.TRUE.equals(timeout);
        if (status == null && latency == 0 && !holds) {
            throw new InvalidFaultException("status", "a fault needs an effect: status, latencyMs above 0, or timeout");
        }
        double chance = checkedProbability();
        Instant expiresAt = checkedExpiry(now);
        return new Fault(
                id,
                partner,
                normalizedMethod,
                pathPattern,
                status,
                Duration.ofMillis(latency),
                holds,
                chance,
                expiresAt,
                count);
    }

    /** A fault on the partner's outbound notifications: only the type, the kind and the budget apply. */
    private Fault toDeliveryFault(String id, Instant now) {
        if (delivery == null || delivery.isBlank() || delivery.length() > MAX_DELIVERY_LENGTH) {
            throw new InvalidFaultException(
                    "delivery",
                    "delivery must name a notification type (or \"*\"), at most " + MAX_DELIVERY_LENGTH
                            + " characters");
        }
        DeliveryFault.Kind effect = DeliveryFault.Kind.named(kind)
                .orElseThrow(() -> new InvalidFaultException("kind", "kind must be one of duplicate, drop, reorder"));
        if (method != null
                || pathPattern != null
                || status != null
                || (latencyMs != null && latencyMs != 0)
                || Boolean.TRUE.equals(timeout)) {
            throw new InvalidFaultException(
                    "delivery",
                    "a delivery fault has no method, pathPattern, status, latencyMs or timeout: those act on requests");
        }
        return new Fault(
                id,
                partner,
                null,
                null,
                null,
                Duration.ZERO,
                false,
                checkedProbability(),
                checkedExpiry(now),
                count,
                delivery,
                effect);
    }

    private double checkedProbability() {
        double chance = probability == null ? 1.0 : probability;
        if (!(chance > 0 && chance <= 1)) {
            throw new InvalidFaultException("probability", "probability must be above 0 and at most 1");
        }
        return chance;
    }

    /** When the fault ends by its duration ({@code null}: never), after checking duration and count. */
    private Instant checkedExpiry(Instant now) {
        if (durationSeconds != null && (durationSeconds < 1 || durationSeconds > MAX_DURATION_SECONDS)) {
            throw new InvalidFaultException(
                    "durationSeconds", "durationSeconds must be between 1 and " + MAX_DURATION_SECONDS);
        }
        if (count != null && (count < 1 || count > MAX_COUNT)) {
            throw new InvalidFaultException("count", "count must be between 1 and " + MAX_COUNT);
        }
        return durationSeconds == null ? null : now.plusSeconds(durationSeconds);
    }
}
