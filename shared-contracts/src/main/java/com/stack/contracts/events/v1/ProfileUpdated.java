package com.stack.contracts.events.v1;

import java.time.Instant;
import java.util.UUID;

import com.stack.contracts.events.EventPayload;

/**
 * A user's profile after a change (onboarding): the whole profile, not the difference, so a consumer applies the
 * newest ({@code updatedAt}) and ignores older ones. {@code timeZone} is an IANA zone id ("UTC" until the user sets one).
 */
public record ProfileUpdated(UUID userId, String phoneNumber, String displayName, String timeZone, Instant updatedAt)
        implements EventPayload {}
