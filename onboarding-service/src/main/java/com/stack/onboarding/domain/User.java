package com.stack.onboarding.domain;

import java.time.Instant;
import java.util.UUID;

public record User(UUID id, String authProviderId, String email, String phoneNumber, KycStatus kycStatus,
        Instant createdAt) {
}
