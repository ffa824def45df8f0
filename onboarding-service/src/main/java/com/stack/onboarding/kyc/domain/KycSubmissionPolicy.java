package com.stack.onboarding.kyc.domain;

import com.stack.defaults.errors.ConflictException;
import com.stack.onboarding.shared.domain.KycStatus;

/**
 * When a user may submit their details for KYC: from NOT_STARTED, or again after REJECTED, and at
 * most {@code maxAttempts} times in total. A submission while one is PENDING, or once APPROVED, is
 * a conflict with its own code.
 */
public final class KycSubmissionPolicy {

    public static final String IN_PROGRESS = "KYC_IN_PROGRESS";
    public static final String ALREADY_APPROVED = "KYC_ALREADY_APPROVED";
    public static final String ATTEMPTS_EXHAUSTED = "KYC_ATTEMPTS_EXHAUSTED";
    public static final String SUBMISSION_CONFLICT = "KYC_SUBMISSION_CONFLICT";

    private final int maxAttempts;

    public KycSubmissionPolicy(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The number of the next submission (1 for the first), or a {@link ConflictException} if the user
     * may not submit now.
     *
     * @param attemptsUsed how many submissions the user has made so far
     */
    public int nextAttempt(KycStatus status, int attemptsUsed) {
        switch (status) {
            case PENDING ->
                throw new ConflictException(
                        IN_PROGRESS,
                        "Your identity verification is in progress; wait for its result before submitting again");
            case APPROVED -> throw new ConflictException(ALREADY_APPROVED, "Your identity is already verified");
            case NOT_STARTED, REJECTED -> {
                if (attemptsUsed >= maxAttempts) {
                    throw new ConflictException(
                            ATTEMPTS_EXHAUSTED,
                            "You have used all " + maxAttempts + " identity verification attempts; contact support");
                }
                return attemptsUsed + 1;
            }
            default -> throw new IllegalStateException("Unknown KYC status " + status);
        }
    }

    /**
     * The same attempt was submitted twice at once, or reached the provider before with other details
     * (its idempotency key is per user and attempt): the user should look at their status and submit again.
     */
    public static ConflictException submissionConflict() {
        return new ConflictException(
                SUBMISSION_CONFLICT,
                "This verification attempt is being processed right now, or reached the identity provider before "
                        + "with other details; check your verification status and, if it has not started, submit the same details again");
    }

    public int attemptsLeft(int attemptsUsed) {
        return Math.max(0, maxAttempts - attemptsUsed);
    }
}
