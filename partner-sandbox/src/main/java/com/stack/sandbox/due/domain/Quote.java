package com.stack.sandbox.due.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A priced quote, valid until {@code expiresAt} for one transfer.
 *
 * @param token  what a transfer names it by ({@code qt_...})
 * @param fxRate destination units per source unit, as a decimal string
 * @param fees   USD, taken from what the destination receives
 */
public record Quote(
        String token,
        Leg source,
        Leg destination,
        String fxRate,
        String fees,
        @JsonIgnore Instant createdAt,
        Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public Quote expiringAt(Instant when) {
        return new Quote(token, source, destination, fxRate, fees, createdAt, when);
    }

    /** An off-ramp pays a bank account (a recipient); an on-ramp pays a wallet address. */
    public Rail destinationRail() {
        return Rail.named(destination.rail()).orElseThrow();
    }
}
