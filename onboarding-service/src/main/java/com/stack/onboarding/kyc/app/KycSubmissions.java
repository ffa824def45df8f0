package com.stack.onboarding.kyc.app;

import java.util.List;
import java.util.UUID;

import com.stack.onboarding.kyc.domain.KycDecision;
import com.stack.onboarding.kyc.domain.KycSubmission;
import reactor.core.publisher.Mono;

/**
 * The user's submissions to the KYC provider (port; the adapter is {@code adapters.KycSubmissionRepository}, over
 * {@code kyc_submissions}); no document number is stored.
 */
public interface KycSubmissions {

    /** How many times the user has submitted, which is also the number of their latest attempt (0 if none). */
    Mono<Integer> attemptsUsed(UUID userId);

    /** Records the user's {@code attempt}-th submission, which created the provider's {@code applicantId}. */
    Mono<Void> insert(UUID id, UUID userId, int attempt, String applicantId, String country);

    /** The submission that created the provider's applicant; empty when none did. */
    Mono<KycSubmission> findByApplicant(String applicantId);

    /** The provider's latest word on the submission; only a final decision marks it decided. */
    Mono<Void> recordDecision(UUID id, KycDecision decision, List<String> reasons);
}
