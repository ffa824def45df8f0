package com.stack.onboarding.kyc.app;

import java.util.UUID;

import com.stack.contracts.events.EventIds;
import com.stack.defaults.errors.NotFoundException;
import com.stack.defaults.security.Caller;
import com.stack.onboarding.kyc.app.KycProvider.Applicant;
import com.stack.onboarding.kyc.domain.KycApplication;
import com.stack.onboarding.kyc.domain.KycSubmissionPolicy;
import com.stack.onboarding.shared.domain.KycStatus;
import com.stack.onboarding.user.app.Users;
import com.stack.onboarding.user.domain.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Submits the caller's details to the KYC provider and marks their verification PENDING.
 *
 * <p>Order of operations:
 * <ol>
 * <li>check that the user exists and may submit now ({@link KycSubmissionPolicy}), which fixes the
 * attempt number;</li>
 * <li>call the provider first, with an idempotency key derived from (user id, attempt number): a
 * retry, by the adapter or by the user after a failure below, reaches the same applicant;</li>
 * <li>then, in ONE transaction under the user's row lock: check again (a concurrent submission may
 * have committed meanwhile), record the submission with the provider's applicant id, set the status
 * PENDING, bump the KYC version and append KycStatusChanged(PENDING, version) to the outbox.</li>
 * </ol>
 * If the provider fails, nothing has changed and the caller gets a clear error. We cannot hold a
 * database transaction open across a partner call, so the provider may know an applicant before we
 * do: its callback can beat our commit, and is then answered 404 until the commit makes the applicant
 * known (the provider retries deliveries).
 */
@Service
public class SubmitKyc {

    private final Users users;
    private final KycSubmissions submissions;
    private final KycProvider provider;
    private final KycStatusChanges statusChanges;
    private final KycSubmissionPolicy policy;
    private final TransactionalOperator transactions;

    public SubmitKyc(
            Users users,
            KycSubmissions submissions,
            KycProvider provider,
            KycStatusChanges statusChanges,
            KycSubmissionPolicy policy,
            TransactionalOperator transactions) {
        this.users = users;
        this.submissions = submissions;
        this.provider = provider;
        this.statusChanges = statusChanges;
        this.policy = policy;
        this.transactions = transactions;
    }

    public Mono<User> submit(Caller caller, KycApplication application) {
        UUID userId = caller.userId();
        return users.findById(userId)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("User (sign up first)")))
                .zipWith(submissions.attemptsUsed(userId))
                .map(userAndAttempts ->
                        policy.nextAttempt(userAndAttempts.getT1().kycStatus(), userAndAttempts.getT2()))
                .flatMap(attempt -> provider.createApplicant(userId, attempt, application)
                        .flatMap(applicant ->
                                transactions.transactional(record(userId, attempt, applicant, application.country()))));
    }

    private Mono<User> record(UUID userId, int attempt, Applicant applicant, String country) {
        return users.lockKycState(userId)
                .zipWith(submissions.attemptsUsed(userId))
                .flatMap(stateAndAttempts -> {
                    // throws the same conflict the caller would get now (KYC_IN_PROGRESS after a concurrent submission)
                    int expected = policy.nextAttempt(stateAndAttempts.getT1().status(), stateAndAttempts.getT2());
                    if (expected != attempt) {
                        return Mono.error(KycSubmissionPolicy.submissionConflict());
                    }
                    return submissions
                            .insert(EventIds.next(), userId, attempt, applicant.applicantId(), country)
                            .then(statusChanges.change(userId, KycStatus.PENDING, country));
                })
                .then(users.findById(userId));
    }
}
