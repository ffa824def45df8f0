package com.stack.onboarding.domain;

import java.util.UUID;

/**
 * One submission of a user's details to the KYC provider; {@code attempt} counts from 1 per user.
 * {@code decided}: the provider has approved or rejected it, which is final for the submission.
 */
public record KycSubmission(UUID id, UUID userId, int attempt, String applicantId, boolean decided) {
}
