package com.stack.contracts.events.v1;

import java.time.Instant;
import java.util.UUID;

import com.stack.contracts.events.EventPayload;

/** A user signed up (onboarding). */
public record UserRegistered(UUID userId, String email, String phoneNumber, Instant registeredAt)
        implements EventPayload {}
