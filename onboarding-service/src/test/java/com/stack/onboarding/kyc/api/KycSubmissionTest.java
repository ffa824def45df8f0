package com.stack.onboarding.kyc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.stack.onboarding.kyc.adapters.FakeKycProvider.Received;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** submitKyc: validation, the provider call, the PENDING transition and the resubmission rules. */
class KycSubmissionTest extends KycIntegrationTest {

    @Test
    void submittingMakesTheUserPendingSendsTheApplicantToTheProviderAndAnnouncesIt() {
        String subject = signedUpSubject();
        UUID user = userIdOf(subject);

        submit(subject).path("submitKyc.kycStatus").entity(String.class).isEqualTo("PENDING");

        assertThat(PROVIDER.requestsFor(user)).singleElement().satisfies(request -> {
            assertThat(request.authorization()).isEqualTo("Bearer kyc_test_key");
            assertThat(request.idempotencyKey()).isEqualTo("stack-kyc-" + user + "-1");
            assertThat(request.body())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "externalUserId",
                            user.toString(),
                            "firstName",
                            "Ada",
                            "lastName",
                            "Lovelace",
                            "dateOfBirth",
                            "1990-12-10",
                            "country",
                            "GB",
                            "documentNumber",
                            "P-1234567",
                            "callbackUrl",
                            CALLBACK_URL));
        });
        assertThat(kycStatusOf(subject)).isEqualTo("PENDING");
        assertThat(submissions(user)).containsExactly("1:pending:");
        assertThat(kycEvents(user)).containsExactly("PENDING@1");
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @CsvSource({
        "firstName, Ada1",
        "firstName, ''",
        "lastName, <b>Lovelace</b>",
        "lastName, "
                + "LongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLong",
        "dateOfBirth, 1990-02-30",
        "dateOfBirth, 10/12/1990",
        "dateOfBirth, 2020-01-01",
        "dateOfBirth, 1890-01-01",
        "country, XX",
        "country, GBR",
        "documentNumber, P_1234",
        "documentNumber, P12"
    })
    void eachInvalidFieldIsRefusedByNameAndNothingIsRecorded(String field, String value) {
        String subject = signedUpSubject();
        UUID user = userIdOf(subject);
        Map<String, Object> input = kycInput("P-1234567");
        input.put(field, value);

        submit(subject, input)
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(error -> assertThat(error.getExtensions())
                                .containsEntry("code", "BAD_USER_INPUT")
                                .containsEntry("field", field)));

        assertThat(PROVIDER.requestsFor(user)).isEmpty();
        assertThat(kycStatusOf(subject)).isEqualTo("NOT_STARTED");
        assertThat(submissions(user)).isEmpty();
        assertThat(kycEvents(user)).isEmpty();
    }

    @Test
    void submittingBeforeSigningUpIsNotFound() {
        String subject = newSubject();

        submit(subject).errors().satisfy(oneErrorWithCode("NOT_FOUND"));

        assertThat(PROVIDER.requestsFor(userIdOf(subject))).isEmpty();
    }

    @Test
    void submittingWithoutAUserIsUnauthenticated() {
        // without any token the request is refused with 401 before GraphQL (inherited tests); the
        // gateway's service token gets through but acts for no user
        asGateway()
                .document("mutation($input: KycInput!) { submitKyc(input: $input) { id } }")
                .variable("input", kycInput("P-1234567"))
                .execute()
                .errors()
                .satisfy(oneErrorWithCode("UNAUTHENTICATED"));
    }

    @Test
    void aSecondSubmissionWhilePendingIsAConflict() {
        String subject = signedUpSubject();
        UUID user = userIdOf(subject);
        submit(subject).path("submitKyc.kycStatus").entity(String.class).isEqualTo("PENDING");

        submit(subject).errors().satisfy(oneErrorWithCode("KYC_IN_PROGRESS"));

        assertThat(PROVIDER.requestsFor(user)).hasSize(1);
        assertThat(submissions(user)).hasSize(1);
        assertThat(kycEvents(user)).containsExactly("PENDING@1");
    }

    @Test
    void twoSubmissionsAtOnceMakeOneApplicantAndOnePendingTransition() throws Exception {
        String subject = signedUpSubject();
        UUID user = userIdOf(subject);
        List<Object> outcomes = new CopyOnWriteArrayList<>();
        Runnable submission = () -> submit(subject)
                .errors()
                .satisfy(errors -> outcomes.add(
                        errors.isEmpty()
                                ? "PENDING"
                                : errors.get(0).getExtensions().get("code")));

        CompletableFuture.allOf(CompletableFuture.runAsync(submission), CompletableFuture.runAsync(submission))
                .get(60, TimeUnit.SECONDS);

        assertThat(outcomes)
                .containsOnlyOnce("PENDING")
                .hasSize(2)
                .anySatisfy(outcome -> assertThat(outcome).isIn("KYC_IN_PROGRESS", "KYC_SUBMISSION_CONFLICT"));
        assertThat(PROVIDER.requestsFor(user))
                .extracting(Received::idempotencyKey)
                .containsOnly("stack-kyc-" + user + "-1");
        assertThat(submissions(user)).containsExactly("1:pending:");
        assertThat(kycEvents(user)).containsExactly("PENDING@1");
    }

    @Test
    void afterARejectionTheUserMaySubmitAgainUpToThreeSubmissionsInTotal() {
        String subject = signedUpSubject();
        UUID user = userIdOf(subject);

        for (int attempt = 1; attempt <= 3; attempt++) {
            submit(subject, kycInput("REJECT-" + attempt))
                    .path("submitKyc.kycStatus")
                    .entity(String.class)
                    .isEqualTo("PENDING");
            decide(user, "rejected", List.of("DOCUMENT_INVALID"));
            assertThat(kycStatusOf(subject)).isEqualTo("REJECTED");
        }
        submit(subject, kycInput("P-1234567")).errors().satisfy(oneErrorWithCode("KYC_ATTEMPTS_EXHAUSTED"));

        assertThat(PROVIDER.requestsFor(user))
                .extracting(Received::idempotencyKey)
                .containsExactly("stack-kyc-" + user + "-1", "stack-kyc-" + user + "-2", "stack-kyc-" + user + "-3");
        assertThat(submissions(user))
                .containsExactly(
                        "1:rejected:DOCUMENT_INVALID:decided",
                        "2:rejected:DOCUMENT_INVALID:decided",
                        "3:rejected:DOCUMENT_INVALID:decided");
        assertThat(kycEvents(user))
                .containsExactly("PENDING@1", "REJECTED@2", "PENDING@3", "REJECTED@4", "PENDING@5", "REJECTED@6");
        assertThat(notifications(user))
                .hasSize(3)
                .allSatisfy(n -> assertThat(n).startsWith("KYC_REJECTED: "))
                .satisfies(n -> assertThat(n.get(0)).contains("2 attempts left"))
                .satisfies(n -> assertThat(n.get(2)).contains("contact support"));
    }

    @Test
    void anApprovedUserMayNotSubmitAgain() {
        String subject = signedUpSubject();
        UUID user = userIdOf(subject);
        submit(subject).path("submitKyc.kycStatus").entity(String.class).isEqualTo("PENDING");
        decide(user, "approved", List.of());

        submit(subject).errors().satisfy(oneErrorWithCode("KYC_ALREADY_APPROVED"));

        assertThat(PROVIDER.requestsFor(user)).hasSize(1);
        assertThat(kycEvents(user)).containsExactly("PENDING@1", "APPROVED@2");
    }

    @Test
    void whenTheProviderKeepsFailingNothingChangesAndTheUserMayTryAgainLater() {
        String subject = signedUpSubject();
        UUID user = userIdOf(subject);
        PROVIDER.failNext(user, 503, 500, 502);

        submit(subject).errors().satisfy(oneErrorWithCode("KYC_PROVIDER_UNAVAILABLE"));

        assertThat(PROVIDER.requestsFor(user))
                .as("three tries, one key")
                .hasSize(3)
                .extracting(Received::idempotencyKey)
                .containsOnly("stack-kyc-" + user + "-1");
        assertThat(kycStatusOf(subject)).isEqualTo("NOT_STARTED");
        assertThat(submissions(user)).isEmpty();
        assertThat(kycEvents(user)).isEmpty();

        submit(subject).path("submitKyc.kycStatus").entity(String.class).isEqualTo("PENDING");
        assertThat(PROVIDER.requestsFor(user).get(3).idempotencyKey()).isEqualTo("stack-kyc-" + user + "-1");
        assertThat(kycEvents(user)).containsExactly("PENDING@1");
    }

    @Test
    void aTransientProviderFailureIsRetriedWithTheSameIdempotencyKeyAndBody() {
        String subject = signedUpSubject();
        UUID user = userIdOf(subject);
        PROVIDER.failNext(user, 503);

        submit(subject).path("submitKyc.kycStatus").entity(String.class).isEqualTo("PENDING");

        List<Received> requests = PROVIDER.requestsFor(user);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).idempotencyKey()).isEqualTo(requests.get(0).idempotencyKey());
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
        assertThat(submissions(user)).containsExactly("1:pending:");
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
        // our API key refused: not the user's fault, and a retry would not help
        "401, KYC_PROVIDER_UNAVAILABLE",
        // the provider took attempt 1 before but our answer was lost (as if our commit had failed),
        // and now the same key comes with other details: a conflict, never a second applicant
        "422, KYC_SUBMISSION_CONFLICT",
        "400, BAD_USER_INPUT"
    })
    void aRefusalByTheProviderIsNotRetriedAndChangesNothing(int status, String code) {
        String subject = signedUpSubject();
        UUID user = userIdOf(subject);
        PROVIDER.failNext(user, status);

        submit(subject).errors().satisfy(oneErrorWithCode(code));

        assertThat(PROVIDER.requestsFor(user)).hasSize(1);
        assertThat(kycStatusOf(subject)).isEqualTo("NOT_STARTED");
        assertThat(submissions(user)).isEmpty();
        assertThat(kycEvents(user)).isEmpty();
    }
}
