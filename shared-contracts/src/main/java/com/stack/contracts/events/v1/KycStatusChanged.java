package com.stack.contracts.events.v1;

import java.time.Instant;
import java.util.UUID;

import com.stack.contracts.events.EventPayload;

/**
 * The user's KYC status moved (onboarding). {@code version} grows by one per change of this user's
 * status, so a consumer can refuse a stale transition delivered out of order.
 */
public record KycStatusChanged(UUID userId, String status, long version, Instant changedAt) implements EventPayload {
}
