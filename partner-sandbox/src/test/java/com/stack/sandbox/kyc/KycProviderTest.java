package com.stack.sandbox.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.stack.sandbox.CallbackReceiver;
import com.stack.sandbox.SandboxIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

class KycProviderTest extends SandboxIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static CallbackReceiver receiver;

    @BeforeAll
    static void startReceiver() {
        receiver = new CallbackReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void anOrdinaryApplicantIsApprovedByASignedCallback() {
        Map<String, Object> applicant = apply(
                        "approve", "P1234567", UUID.randomUUID().toString())
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        String applicantId = (String) applicant.get("applicantId");
        assertThat(applicantId).matches("kyc_app_[0-9a-f]{32}");
        assertThat(applicant).containsEntry("status", "pending").doesNotContainKey("reasons");
        assertThat(Instant.parse((String) applicant.get("createdAt"))).isNotNull();

        CallbackReceiver.Received callback =
                receiver.awaitRequests("approve", 1).get(0);
        Map<String, Object> body = verifiedBody(callback);
        assertThat(body)
                .containsEntry("applicantId", applicantId)
                .containsEntry("externalUserId", applicant.get("externalUserId"))
                .containsEntry("decision", "approved")
                .containsEntry("reasons", List.of());
        assertThat((String) body.get("eventId")).matches("kyc_evt_[0-9a-f]{32}");
        assertThat(Instant.parse((String) body.get("occurredAt"))).isNotNull();
        assertThat(callback.header("Content-Type")).startsWith("application/json");

        kyc().get()
                .uri("/v1/applicants/{id}", applicantId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("approved")
                .jsonPath("$.reasons")
                .isEmpty();
    }

    @Test
    void aDocumentStartingWithRejectIsRejectedAsInvalid() {
        String applicantId =
                applicantId(apply("reject", "reject-0042", UUID.randomUUID().toString())
                        .expectStatus()
                        .isCreated());

        Map<String, Object> body =
                verifiedBody(receiver.awaitRequests("reject", 1).get(0));
        assertThat(body)
                .containsEntry("applicantId", applicantId)
                .containsEntry("decision", "rejected")
                .containsEntry("reasons", List.of("DOCUMENT_INVALID"));
        kyc().get()
                .uri("/v1/applicants/{id}", applicantId)
                .exchange()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("rejected")
                .jsonPath("$.reasons[0]")
                .isEqualTo("DOCUMENT_INVALID");
    }

    @Test
    void anApplicantInReviewWaitsForTheOperatorsDecision() {
        String applicantId =
                applicantId(apply("review", "REVIEW-7", UUID.randomUUID().toString())
                        .expectStatus()
                        .isCreated());
        Map<String, Object> review =
                verifiedBody(receiver.awaitRequests("review", 1).get(0));
        assertThat(review).containsEntry("decision", "review");
        kyc().get()
                .uri("/v1/applicants/{id}", applicantId)
                .exchange()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("review");

        Map<String, Object> sent = control()
                .post()
                .uri("/kyc/applicants/{id}/decision", applicantId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("decision", "rejected", "reasons", List.of("SANCTIONS_HIT")))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();

        Map<String, Object> decision =
                verifiedBody(receiver.awaitRequests("review", 2).get(1));
        assertThat(decision)
                .containsEntry("decision", "rejected")
                .containsEntry("reasons", List.of("SANCTIONS_HIT"))
                .containsEntry("eventId", sent.get("eventId"));
        assertThat(decision.get("eventId")).isNotEqualTo(review.get("eventId"));
        kyc().get()
                .uri("/v1/applicants/{id}", applicantId)
                .exchange()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("rejected");

        // decided now: no second operator decision
        control()
                .post()
                .uri("/kyc/applicants/{id}/decision", applicantId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("decision", "approved"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("not_in_review");
    }

    @Test
    void anOperatorDecidesOnlyApprovedOrRejectedOnAKnownApplicant() {
        control()
                .post()
                .uri("/kyc/applicants/{id}/decision", "kyc_app_unknown")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("decision", "approved"))
                .exchange()
                .expectStatus()
                .isNotFound();
        String applicantId = applicantId(
                apply("review-invalid", "review-1", UUID.randomUUID().toString())
                        .expectStatus()
                        .isCreated());
        control()
                .post()
                .uri("/kyc/applicants/{id}/decision", applicantId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("decision", "review"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("decision");
    }

    @Test
    void aRefusedCallbackIsRetriedWithTheSameBytesAndSignature() {
        receiver.answer("retry", 500);
        String applicantId =
                applicantId(apply("retry", "P-retry", UUID.randomUUID().toString())
                        .expectStatus()
                        .isCreated());

        List<CallbackReceiver.Received> attempts = receiver.awaitRequests("retry", 2);
        assertThat(attempts.get(1).body()).isEqualTo(attempts.get(0).body());
        assertThat(attempts.get(1).header("X-Kyc-Signature"))
                .isEqualTo(attempts.get(0).header("X-Kyc-Signature"));
        verifiedBody(attempts.get(1));

        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(deliveries(applicantId))
                        .extracting(d -> d.get("attempt"), d -> d.get("status"))
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(1, 500),
                                org.assertj.core.groups.Tuple.tuple(2, 200)));
    }

    @Test
    void anUnreachableReceiverIsRetriedUntilItAnswers() {
        // a port nothing listens on: connection refused, then the receiver "comes back" as the test redelivers
        String applicantId = applicantId(kyc().post()
                .uri("/v1/applicants")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(applicantBody("P-down", UUID.randomUUID().toString(), "http://127.0.0.1:9/callbacks/down"))
                .exchange()
                .expectStatus()
                .isCreated());

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(deliveries(applicantId))
                        .hasSizeGreaterThanOrEqualTo(2)
                        .allSatisfy(attempt ->
                                assertThat(attempt).containsKey("error").doesNotContainKey("status")));
    }

    @Test
    void redeliverySendsTheLastCallbackByteForByte() {
        String applicantId =
                applicantId(apply("redeliver", "P-again", UUID.randomUUID().toString())
                        .expectStatus()
                        .isCreated());
        CallbackReceiver.Received first = receiver.awaitRequests("redeliver", 1).get(0);

        control()
                .post()
                .uri("/kyc/applicants/{id}/redeliver", applicantId)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.eventId")
                .isEqualTo(verifiedBody(first).get("eventId"));

        CallbackReceiver.Received again = receiver.awaitRequests("redeliver", 2).get(1);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("X-Kyc-Signature")).isEqualTo(first.header("X-Kyc-Signature"));
    }

    @Test
    void redeliveringForAnUnknownApplicantIsNotFound() {
        control()
                .post()
                .uri("/kyc/applicants/{id}/redeliver", "kyc_app_unknown")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("not_found");
    }

    @Test
    void theSameIdempotencyKeyAndBodyReturnTheSameApplicant() {
        String key = UUID.randomUUID().toString();
        String userId = UUID.randomUUID().toString();
        String first = applicantId(
                apply("idempotent", "P-idem", userId, key).expectStatus().isCreated());
        String again = applicantId(
                apply("idempotent", "P-idem", userId, key).expectStatus().isOk());
        assertThat(again).isEqualTo(first);

        apply("idempotent", "P-other", userId, key)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("idempotency_key_reused");

        // one applicant, so one decision
        receiver.awaitRequests("idempotent", 1);
        assertThat(receiver.requests("idempotent")).hasSize(1);
    }

    @Test
    void theIdempotencyKeyIsRequiredAndAtMost128Characters() {
        for (String key : new String[] {null, "", "k".repeat(129)}) {
            WebTestClient.RequestBodySpec request = kyc().post().uri("/v1/applicants");
            if (key != null) {
                request = request.header("Idempotency-Key", key);
            }
            request.contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(applicantBody("P1", UUID.randomUUID().toString(), receiver.url("no-key")))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.error")
                    .isEqualTo("invalid_request")
                    .jsonPath("$.field")
                    .isEqualTo("Idempotency-Key");
        }
        apply("key-128", "P1", UUID.randomUUID().toString(), "k".repeat(128))
                .expectStatus()
                .isCreated();
    }

    @ParameterizedTest
    @CsvSource({
        "externalUserId, not-a-uuid", "externalUserId, ''", "firstName, ''", "lastName, ' '", "dateOfBirth, 1990-13-01",
        "dateOfBirth, 01/02/1990", "dateOfBirth, 2999-01-01", "country, USA", "country, us", "country, XX",
        "documentNumber, ''", "callbackUrl, ftp://example.com/x", "callbackUrl, not a url", "callbackUrl, /relative"
    })
    void anInvalidFieldIsNamed(String field, String value) {
        Map<String, Object> body =
                new HashMap<>(applicantBody("P1", UUID.randomUUID().toString(), receiver.url("invalid")));
        body.put(field, value);
        kyc().post()
                .uri("/v1/applicants")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_request")
                .jsonPath("$.field")
                .isEqualTo(field)
                .jsonPath("$.message")
                .isNotEmpty();
    }

    @Test
    void aMissingFieldOrABodyThatIsNotJsonIsInvalid() {
        Map<String, Object> body =
                new HashMap<>(applicantBody("P1", UUID.randomUUID().toString(), receiver.url("invalid")));
        body.remove("country");
        kyc().post()
                .uri("/v1/applicants")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("country");
        kyc().post()
                .uri("/v1/applicants")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"firstName\": ")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_request");
    }

    @Test
    void withoutTheApiKeyTheApiAnswers401() {
        for (WebTestClient client : List.of(
                client(baseUrl() + "/kyc").build(),
                client(baseUrl() + "/kyc")
                        .defaultHeader("Authorization", "Bearer wrong")
                        .build())) {
            client.post()
                    .uri("/v1/applicants")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(applicantBody("P1", UUID.randomUUID().toString(), receiver.url("unauthorized")))
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.error")
                    .isEqualTo("unauthorized")
                    .jsonPath("$.message")
                    .isNotEmpty();
            client.get()
                    .uri("/v1/applicants/kyc_app_x")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
        }
    }

    @Test
    void anUnknownApplicantIsNotFound() {
        kyc().get()
                .uri("/v1/applicants/{id}", "kyc_app_" + "0".repeat(32))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("not_found");
    }

    WebTestClient.ResponseSpec apply(String receiverName, String documentNumber, String externalUserId) {
        return apply(
                receiverName, documentNumber, externalUserId, UUID.randomUUID().toString());
    }

    WebTestClient.ResponseSpec apply(
            String receiverName, String documentNumber, String externalUserId, String idempotencyKey) {
        return kyc().post()
                .uri("/v1/applicants")
                .header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(applicantBody(documentNumber, externalUserId, receiver.url(receiverName)))
                .exchange();
    }

    static Map<String, Object> applicantBody(String documentNumber, String externalUserId, String callbackUrl) {
        return Map.of(
                "externalUserId",
                externalUserId,
                "firstName",
                "Ada",
                "lastName",
                "Lovelace",
                "dateOfBirth",
                "1990-12-10",
                "country",
                "US",
                "documentNumber",
                documentNumber,
                "callbackUrl",
                callbackUrl);
    }

    static String applicantId(WebTestClient.ResponseSpec response) {
        return (String) response.expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("applicantId");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> deliveries(String applicantId) {
        return (List<Map<String, Object>>) control()
                .get()
                .uri("/kyc/applicants/{id}/deliveries", applicantId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("deliveries");
    }

    /**
     * Verifies the callback as a receiver must, independently of the sandbox's code: the HMAC-SHA256
     * of "t." + the raw body under the shared secret, with a fresh t; then parses the body.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> verifiedBody(CallbackReceiver.Received callback) {
        String header = callback.header("X-Kyc-Signature");
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        String t = header.substring(2, header.indexOf(','));
        String v1 = header.substring(header.indexOf("v1=") + 3);
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t))).isLessThanOrEqualTo(300);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KYC_WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            assertThat(HexFormat.of().formatHex(mac.doFinal(callback.body()))).isEqualTo(v1);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        return JSON.readValue(callback.body(), Map.class);
    }
}
