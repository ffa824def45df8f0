package com.stack.onboarding.user.domain;

import java.time.Instant;
import java.util.UUID;

import com.stack.onboarding.shared.domain.KycStatus;

/** {@code country}: of the user's approved KYC (ISO 3166-1 alpha-2), {@code null} until one is approved. */
public record User(
        UUID id,
        String authProviderId,
        String email,
        String phoneNumber,
        KycStatus kycStatus,
        Instant createdAt,
        String displayName,
        String timeZone,
        String country) {

    /** The profile part of the user (GraphQL's User.profile). */
    public Profile profile() {
        return new Profile(phoneNumber, displayName, timeZone);
    }
}
