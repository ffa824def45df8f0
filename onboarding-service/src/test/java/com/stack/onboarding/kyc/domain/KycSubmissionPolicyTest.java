package com.stack.onboarding.kyc.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stack.defaults.errors.ConflictException;
import com.stack.onboarding.shared.domain.KycStatus;
import org.junit.jupiter.api.Test;

class KycSubmissionPolicyTest {

    final KycSubmissionPolicy policy = new KycSubmissionPolicy(3);

    static void assertConflict(String code, Runnable submission) {
        assertThatThrownBy(submission::run)
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void aFirstSubmissionIsAttemptOne() {
        assertThat(policy.nextAttempt(KycStatus.NOT_STARTED, 0)).isEqualTo(1);
    }

    @Test
    void aRejectedUserMaySubmitAgainUntilTheAttemptsAreUsedUp() {
        assertThat(policy.nextAttempt(KycStatus.REJECTED, 1)).isEqualTo(2);
        assertThat(policy.nextAttempt(KycStatus.REJECTED, 2)).isEqualTo(3);
        assertConflict("KYC_ATTEMPTS_EXHAUSTED", () -> policy.nextAttempt(KycStatus.REJECTED, 3));
        assertThat(policy.attemptsLeft(2)).isEqualTo(1);
        assertThat(policy.attemptsLeft(3)).isZero();
    }

    @Test
    void pendingAndApprovedUsersMayNotSubmit() {
        assertConflict("KYC_IN_PROGRESS", () -> policy.nextAttempt(KycStatus.PENDING, 1));
        assertConflict("KYC_ALREADY_APPROVED", () -> policy.nextAttempt(KycStatus.APPROVED, 1));
    }

    @Test
    void theLimitIsConfigurable() {
        KycSubmissionPolicy one = new KycSubmissionPolicy(1);
        assertThat(one.nextAttempt(KycStatus.NOT_STARTED, 0)).isEqualTo(1);
        assertConflict("KYC_ATTEMPTS_EXHAUSTED", () -> one.nextAttempt(KycStatus.REJECTED, 1));
        assertThatThrownBy(() -> new KycSubmissionPolicy(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reviewKeepsTheUserPendingAndOnlyApprovedOrRejectedAreFinal() {
        assertThat(KycDecision.REVIEW.userStatus()).isEqualTo(KycStatus.PENDING);
        assertThat(KycDecision.REVIEW.isFinal()).isFalse();
        assertThat(KycDecision.fromWireName("approved")).contains(KycDecision.APPROVED);
        assertThat(KycDecision.fromWireName("APPROVED")).isEmpty();
    }
}
