package com.stack.onboarding.kyc.app;

import java.util.UUID;

import com.stack.onboarding.kyc.domain.KycApplication;
import reactor.core.publisher.Mono;

/**
 * The identity verification provider. It decides asynchronously and reports each decision to our
 * callback endpoint, naming the applicant this call created.
 */
public interface KycProvider {

    /**
     * Creates the applicant for the user's {@code attempt}-th submission. Idempotent per user and
     * attempt: repeating the call with the same details reaches the same applicant, so a retried
     * submission never creates a second one.
     *
     * @return the applicant; fails with {@link KycProviderUnavailableException} when the provider
     *         cannot be reached or keeps failing, an {@code InvalidInputException} when it refuses a
     *         field, a {@code ConflictException} when this attempt already reached it with other details
     */
    Mono<Applicant> createApplicant(UUID userId, int attempt, KycApplication application);

    /** The provider's applicant: its id names the applicant in the provider's callbacks. */
    record Applicant(String applicantId, String status) {}
}
