package com.stack.onboarding.kyc.domain;

import java.util.UUID;

/**
 * One submission of a user's details to the KYC provider; {@code attempt} counts from 1 per user.
 * {@code decided}: the provider has approved or rejected it, which is final for the submission. {@code country}: the
 * one the application named (ISO 3166-1 alpha-2; null for submissions made before it was kept).
 */
public record KycSubmission(UUID id, UUID userId, int attempt, String applicantId, boolean decided, String country) {}
