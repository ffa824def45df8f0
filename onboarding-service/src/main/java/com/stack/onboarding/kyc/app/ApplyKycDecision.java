package com.stack.onboarding.kyc.app;

import com.stack.contracts.events.EventIds;
import com.stack.onboarding.kyc.domain.KycCallback;
import com.stack.onboarding.kyc.domain.KycSubmission;
import com.stack.onboarding.kyc.domain.KycSubmissionPolicy;
import com.stack.onboarding.notification.app.Notifications;
import com.stack.onboarding.shared.domain.KycStatus;
import com.stack.onboarding.user.app.Users;
import com.stack.onboarding.user.app.Users.KycState;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Applies a KYC provider decision that arrived by callback (its signature already verified), once
 * per eventId: the inbox row, the submission's decision, the user's new status with its version and
 * KycStatusChanged, and the user's notification all commit in one transaction, or none does.
 *
 * <p>approved and rejected end the submission; review keeps the user PENDING (recorded on the
 * submission). A decision about an older attempt than the user's latest is recorded but does not
 * move the user's status. The first final decision on a submission stands: deliveries are retried
 * and may arrive out of order, so a late review (or a second final decision) after it is kept in the
 * inbox only and changes nothing.
 */
@Service
public class ApplyKycDecision {

    /** What became of a callback. */
    public enum Outcome {
        APPLIED,
        /** The same eventId was applied before: no second effect. */
        DUPLICATE,
        /** No submission has this applicant id (yet: the callback may have beaten our commit). Nothing recorded. */
        UNKNOWN_APPLICANT
    }

    private final Users users;
    private final KycSubmissions submissions;
    private final AppliedKycCallbacks inbox;
    private final Notifications notifications;
    private final KycStatusChanges statusChanges;
    private final KycSubmissionPolicy policy;
    private final TransactionalOperator transactions;

    public ApplyKycDecision(
            Users users,
            KycSubmissions submissions,
            AppliedKycCallbacks inbox,
            Notifications notifications,
            KycStatusChanges statusChanges,
            KycSubmissionPolicy policy,
            TransactionalOperator transactions) {
        this.users = users;
        this.submissions = submissions;
        this.inbox = inbox;
        this.notifications = notifications;
        this.statusChanges = statusChanges;
        this.policy = policy;
        this.transactions = transactions;
    }

    public Mono<Outcome> apply(KycCallback callback) {
        Mono<Outcome> applied = submissions
                .findByApplicant(callback.applicantId())
                // the user's row lock serialises this with the user's submissions and other callbacks;
                // the submission is read again under it, as another callback may just have decided it
                .flatMap(found -> users.lockKycState(found.userId())
                        .zipWith(submissions.findByApplicant(callback.applicantId()))
                        .flatMap(locked -> inbox.recordIfNew(
                                        callback.eventId(), callback.applicantId(), callback.decision())
                                .flatMap(isNew -> isNew
                                        ? effect(locked.getT2(), locked.getT1(), callback)
                                                .thenReturn(Outcome.APPLIED)
                                        : Mono.just(Outcome.DUPLICATE))));
        return transactions.transactional(applied).defaultIfEmpty(Outcome.UNKNOWN_APPLICANT);
    }

    private Mono<Void> effect(KycSubmission submission, KycState state, KycCallback callback) {
        if (submission.decided()) {
            return Mono.empty();
        }
        KycStatus target = callback.decision().userStatus();
        return submissions
                .recordDecision(submission.id(), callback.decision(), callback.reasons())
                .then(submissions.attemptsUsed(submission.userId()))
                .flatMap(latestAttempt -> {
                    if (submission.attempt() < latestAttempt || target == state.status()) {
                        return Mono.empty();
                    }
                    return statusChanges
                            .change(submission.userId(), target, submission.country())
                            .then(notify(submission, target, latestAttempt));
                });
    }

    private Mono<Void> notify(KycSubmission submission, KycStatus status, int attemptsUsed) {
        return switch (status) {
            case APPROVED ->
                notifications.record(
                        EventIds.next(),
                        submission.userId(),
                        "KYC_APPROVED",
                        "Identity verified",
                        "Your identity has been verified. You can now fund your account.");
            case REJECTED ->
                notifications.record(
                        EventIds.next(),
                        submission.userId(),
                        "KYC_REJECTED",
                        "Identity not verified",
                        rejectedBody(policy.attemptsLeft(attemptsUsed)));
            default -> Mono.empty();
        };
    }

    private static String rejectedBody(int attemptsLeft) {
        return attemptsLeft > 0
                ? "We could not verify your identity. Check your details and submit them again (" + attemptsLeft
                        + (attemptsLeft == 1 ? " attempt" : " attempts") + " left)."
                : "We could not verify your identity, and no verification attempts are left. Please contact support.";
    }
}
