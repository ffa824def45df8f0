package com.stack.contracts.events.v1;

import java.time.Instant;
import java.util.UUID;

import com.stack.contracts.events.EventPayload;

/**
 * The user's KYC status moved (onboarding). {@code version} grows by one per change of this user's
 * status, so a consumer can refuse a stale transition delivered out of order. {@code country}: the ISO 3166-1
 * alpha-2 country the KYC application behind the change named; with status {@code APPROVED} it is the user's
 * country of record (what country-limited feature flags are evaluated against). Null when not known (added after
 * the first events: older events and submissions have none).
 */
public record KycStatusChanged(UUID userId, String status, long version, Instant changedAt, String country)
        implements EventPayload {}
