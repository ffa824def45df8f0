package com.stack.onboarding.kyc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.onboarding.kyc.adapters.FakeKycProvider;
import com.stack.onboarding.kyc.domain.KycWebhookSignature;
import com.stack.testsupport.PrometheusScrape;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;

/** POST /webhooks/kyc: signature, replay window, dedupe by eventId and the decisions' effects. */
class KycCallbackTest extends KycIntegrationTest {

    /** A user whose first submission is pending; returns the subject. */
    String pendingSubject() {
        String subject = signedUpSubject();
        submit(subject).path("submitKyc.kycStatus").entity(String.class).isEqualTo("PENDING");
        return subject;
    }

    @Test
    void anApprovalWithAValidSignatureApprovesTheUserAnnouncesItAndNotifiesThem() {
        String subject = pendingSubject();
        UUID user = userIdOf(subject);

        decide(user, "approved", List.of());

        assertThat(kycStatusOf(subject)).isEqualTo("APPROVED");
        assertThat(kycEvents(user)).containsExactly("PENDING@1", "APPROVED@2");
        assertThat(submissions(user)).containsExactly("1:approved::decided");
        as(subject)
                .document("{ notifications { kind title read } }")
                .execute()
                .path("notifications[0].kind")
                .entity(String.class)
                .isEqualTo("KYC_APPROVED")
                .path("notifications[0].read")
                .entity(Boolean.class)
                .isEqualTo(false)
                .path("notifications")
                .entityList(Object.class)
                .hasSize(1);
    }

    @Test
    void theApprovedApplicationsCountryBecomesTheUsersAndTravelsWithTheEventsAFlagLimitedToItFollows() {
        String rejected = pendingSubject();
        decide(userIdOf(rejected), "rejected", List.of("DOCUMENT_INVALID"));
        String subject = signedUpSubject();
        Map<String, Object> application = kycInput("P-7654321");
        application.put("country", "fr");
        submit(subject, application)
                .path("submitKyc.kycStatus")
                .entity(String.class)
                .isEqualTo("PENDING");
        UUID user = userIdOf(subject);
        assertThat(countryOf(user)).as("not the user's before an approval").isNull();

        decide(user, "approved", List.of());

        assertThat(countryOf(user)).isEqualTo("FR");
        assertThat(countryOf(userIdOf(rejected)))
                .as("a rejected application's country is nobody's")
                .isNull();
        assertThat(db.sql(
                                "SELECT payload FROM outbox_events WHERE partition_key = :key AND event_type = :type ORDER BY id")
                        .bind("key", user.toString())
                        .bind("type", "com.stack.onboarding.KycStatusChanged")
                        .map(row -> JSON.readValue(row.get("payload", String.class), JSON_OBJECT))
                        .all()
                        .map(payload -> payload.get("status") + ":" + payload.get("country"))
                        .collectList()
                        .block())
                .containsExactly("PENDING:FR", "APPROVED:FR");
    }

    String countryOf(UUID user) {
        return db.sql("SELECT country FROM users WHERE id = :id")
                .bind("id", user)
                .map(row -> java.util.Optional.ofNullable(row.get("country", String.class)))
                .one()
                .block()
                .orElse(null);
    }

    @Test
    void aRejectionStoresTheReasonsAndNotifiesTheUser() {
        String subject = pendingSubject();
        UUID user = userIdOf(subject);

        decide(user, "rejected", List.of("DOCUMENT_INVALID", "FACE_MISMATCH"));

        assertThat(kycStatusOf(subject)).isEqualTo("REJECTED");
        assertThat(kycEvents(user)).containsExactly("PENDING@1", "REJECTED@2");
        assertThat(submissions(user)).containsExactly("1:rejected:DOCUMENT_INVALID|FACE_MISMATCH:decided");
        assertThat(notifications(user)).singleElement().asString().startsWith("KYC_REJECTED: ");
    }

    @Test
    void reviewKeepsTheUserPendingUntilTheFinalDecision() {
        String subject = pendingSubject();
        UUID user = userIdOf(subject);

        decide(user, "review", List.of());

        assertThat(kycStatusOf(subject)).isEqualTo("PENDING");
        assertThat(submissions(user)).containsExactly("1:review:");
        assertThat(kycEvents(user)).containsExactly("PENDING@1");
        assertThat(notifications(user)).isEmpty();

        decide(user, "approved", List.of());

        assertThat(kycStatusOf(subject)).isEqualTo("APPROVED");
        assertThat(kycEvents(user)).containsExactly("PENDING@1", "APPROVED@2");
    }

    @Test
    void aMissingForgedOrTamperedSignatureIsRefusedAndChangesNothing() {
        String subject = pendingSubject();
        UUID user = userIdOf(subject);
        String eventId = newEventId();
        byte[] body = callback(eventId, latestApplicant(user), user, "approved", List.of());
        long now = Instant.now().getEpochSecond();
        byte[] tampered = callback(eventId, latestApplicant(user), user, "rejected", List.of());

        postCallback(body, null)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_signature");
        postCallback(body, new KycWebhookSignature("another-secret", Duration.ofSeconds(300)).header(now, body))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_signature");
        postCallback(tampered, PROVIDER_SIGNATURE.header(now, body))
                .expectStatus()
                .isUnauthorized();
        postCallback(body, "t=" + now + ",v1=not-hex").expectStatus().isUnauthorized();
        postCallback(body, "sha256=" + PROVIDER_SIGNATURE.header(now, body))
                .expectStatus()
                .isUnauthorized();

        assertThat(callbackEvents(eventId)).isZero();
        assertThat(kycStatusOf(subject)).isEqualTo("PENDING");
        assertThat(kycEvents(user)).containsExactly("PENDING@1");
        assertThat(notifications(user)).isEmpty();
    }

    @Test
    void aReplayedOldCallbackOrOneFromTheFutureIsRefused() {
        String subject = pendingSubject();
        UUID user = userIdOf(subject);
        String eventId = newEventId();
        byte[] body = callback(eventId, latestApplicant(user), user, "approved", List.of());
        long now = Instant.now().getEpochSecond();

        postCallback(body, PROVIDER_SIGNATURE.header(now - 301 - 5, body))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.message")
                .isEqualTo("The signature's timestamp is outside the replay window");
        postCallback(body, PROVIDER_SIGNATURE.header(now + 301 + 5, body))
                .expectStatus()
                .isUnauthorized();

        assertThat(callbackEvents(eventId)).isZero();
        assertThat(kycStatusOf(subject)).isEqualTo("PENDING");
    }

    @Test
    void theSameEventDeliveredTwiceHasOneEffect() {
        String subject = pendingSubject();
        UUID user = userIdOf(subject);
        byte[] body = callback(newEventId(), latestApplicant(user), user, "approved", List.of());
        String header = PROVIDER_SIGNATURE.header(Instant.now().getEpochSecond(), body);

        postCallback(body, header)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("processed");
        // byte for byte and with the same signature header, as the provider redelivers
        postCallback(body, header)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("duplicate");

        assertThat(kycEvents(user)).containsExactly("PENDING@1", "APPROVED@2");
        assertThat(notifications(user)).hasSize(1);
    }

    @Test
    void aCallbackThatBeatsTheSubmissionsCommitIsAnswered404AndAppliedWhenRedeliveredLater() {
        String subject = signedUpSubject();
        UUID user = userIdOf(subject);
        String applicant = FakeKycProvider.newApplicantId();
        byte[] body = callback(newEventId(), applicant, user, "approved", List.of());

        postSignedCallback(body)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("unknown_applicant");
        assertThat(kycStatusOf(subject)).isEqualTo("NOT_STARTED");

        PROVIDER.assignApplicantId(user, applicant);
        submit(subject).path("submitKyc.kycStatus").entity(String.class).isEqualTo("PENDING");
        postSignedCallback(body)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("processed");

        assertThat(kycStatusOf(subject)).isEqualTo("APPROVED");
        assertThat(kycEvents(user)).containsExactly("PENDING@1", "APPROVED@2");
    }

    @Test
    void aCallbackForAnApplicantNobodyHasIsNotFound() {
        String eventId = newEventId();

        postSignedCallback(
                        callback(eventId, FakeKycProvider.newApplicantId(), UUID.randomUUID(), "approved", List.of()))
                .expectStatus()
                .isNotFound();

        assertThat(callbackEvents(eventId)).isZero();
    }

    @Test
    void aLateReviewOrASecondDecisionAfterTheFinalOneChangesNothing() {
        String subject = pendingSubject();
        UUID user = userIdOf(subject);
        decide(user, "approved", List.of());

        // delivered out of order (the provider retries with backoff), or the provider changing its mind
        decide(user, "review", List.of());
        String rejection = newEventId();
        postSignedCallback(callback(rejection, latestApplicant(user), user, "rejected", List.of("DOCUMENT_INVALID")))
                .expectStatus()
                .isOk();

        assertThat(kycStatusOf(subject)).isEqualTo("APPROVED");
        assertThat(submissions(user)).containsExactly("1:approved::decided");
        assertThat(kycEvents(user)).containsExactly("PENDING@1", "APPROVED@2");
        assertThat(notifications(user)).hasSize(1);
        assertThat(callbackEvents(rejection)).as("kept in the inbox").isOne();
    }

    @Test
    void aDecisionOnAnOlderAttemptDoesNotMoveTheStatus() {
        String subject = pendingSubject();
        UUID user = userIdOf(subject);
        String first = latestApplicant(user);
        decide(user, "rejected", List.of("DOCUMENT_INVALID"));
        submit(subject).path("submitKyc.kycStatus").entity(String.class).isEqualTo("PENDING");

        postSignedCallback(callback(newEventId(), first, user, "approved", List.of()))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("processed");

        assertThat(kycStatusOf(subject)).isEqualTo("PENDING");
        assertThat(submissions(user)).containsExactly("1:rejected:DOCUMENT_INVALID:decided", "2:pending:");
        assertThat(kycEvents(user)).containsExactly("PENDING@1", "REJECTED@2", "PENDING@3");
    }

    @Test
    void anOversizedBodyIsRefusedBeforeAnythingElse() {
        byte[] body = new byte[64 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');

        postSignedCallback(body)
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("payload_too_large");
    }

    @Test
    void anOversizedBodySentInChunksWithoutALengthIsRefusedToo() {
        byte[] chunk = new byte[16 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        Flux<DataBuffer> body = Flux.range(0, 5).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.clone()));

        WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(RESPONSE_TIMEOUT)
                .build()
                .post()
                .uri("/webhooks/kyc")
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        KycWebhookSignature.HEADER,
                        PROVIDER_SIGNATURE.header(Instant.now().getEpochSecond(), new byte[0]))
                .body(BodyInserters.fromDataBuffers(body))
                .exchange()
                .expectStatus()
                .isEqualTo(413);
    }

    @Test
    void aSignedBodyThatIsNoCallbackIsABadRequest() {
        String subject = pendingSubject();
        UUID user = userIdOf(subject);

        postSignedCallback("not json".getBytes(StandardCharsets.UTF_8))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_request");
        postSignedCallback(callback(newEventId(), latestApplicant(user), user, "maybe", List.of()))
                .expectStatus()
                .isBadRequest();

        assertThat(kycStatusOf(subject)).isEqualTo("PENDING");
    }

    @Test
    void everyCallbackIsCountedByWhatBecameOfItAndTheProviderCallsOnThePrometheusEndpoint() {
        String subject = pendingSubject();
        UUID user = userIdOf(subject);
        byte[] body = callback(newEventId(), latestApplicant(user), user, "approved", List.of());
        long now = Instant.now().getEpochSecond();
        String header = PROVIDER_SIGNATURE.header(now, body);
        postCallback(body, header).expectStatus().isOk();
        postCallback(body, header).expectStatus().isOk();
        postCallback(body, null).expectStatus().isUnauthorized();
        postCallback(body, new KycWebhookSignature("another-secret", Duration.ofSeconds(300)).header(now, body))
                .expectStatus()
                .isUnauthorized();
        postCallback(body, PROVIDER_SIGNATURE.header(now - 400, body))
                .expectStatus()
                .isUnauthorized();
        postSignedCallback("not json".getBytes(StandardCharsets.UTF_8))
                .expectStatus()
                .isBadRequest();
        byte[] oversized = new byte[64 * 1024 + 1];
        Arrays.fill(oversized, (byte) ' ');
        postSignedCallback(oversized).expectStatus().isEqualTo(413);

        PrometheusScrape scrape = PrometheusScrape.of("http://127.0.0.1:" + port);

        for (String result : List.of(
                "accepted", "duplicate", "missing_signature", "bad_signature", "stale", "malformed", "too_large")) {
            assertThat(scrape.value("stack_webhook_requests_total", "partner", "kyc", "result", result))
                    .as(result)
                    .isGreaterThanOrEqualTo(1);
        }
        // the submission asked the provider through the partner resilience: timed, and its breaker published
        assertThat(scrape.value("stack_partner_calls_seconds_count", "partner", "kyc-provider", "outcome", "success"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("resilience4j_circuitbreaker_state", "name", "kyc-provider", "state", "closed"))
                .isEqualTo(1);
    }
}
