package com.stack.onboarding.domain;

import java.time.Instant;
import java.util.UUID;

public record User(UUID id, String authProviderId, String email, String phoneNumber, KycStatus kycStatus,
        Instant createdAt, String displayName, String timeZone) {

    /** The profile part of the user (GraphQL's User.profile). */
    public Profile profile() {
        return new Profile(phoneNumber, displayName, timeZone);
    }
}
