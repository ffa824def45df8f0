package com.stack.onboarding.kyc.api;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.onboarding.OnboardingApplication;
import com.stack.onboarding.kyc.adapters.FakeKycProvider;
import com.stack.onboarding.kyc.domain.KycWebhookSignature;
import com.stack.testsupport.SubgraphIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The KYC tests' harness: onboarding against a fresh database, the test Kafka, a token issuer and a
 * {@link FakeKycProvider}; callbacks are posted signed with the configured secret, as the provider
 * would. The test classes extending it share one application context (and so one database).
 */
@SpringBootTest(
        classes = OnboardingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=onboarding-service")
abstract class KycIntegrationTest extends SubgraphIntegrationTest {

    static final String WEBHOOK_SECRET = "kyc_whsec_test_" + UUID.randomUUID();
    static final KycWebhookSignature PROVIDER_SIGNATURE =
            new KycWebhookSignature(WEBHOOK_SECRET, Duration.ofSeconds(300));
    static final String CALLBACK_URL = "http://127.0.0.1:8080/webhooks/kyc";
    static final FakeKycProvider PROVIDER = startProvider();
    static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registerService(registry, "stack_onboarding_kyc_test");
        registry.add("stack.kyc.base-url", PROVIDER::baseUrl);
        registry.add("stack.kyc.api-key", () -> FakeKycProvider.API_KEY);
        registry.add("stack.kyc.webhook-secret", () -> WEBHOOK_SECRET);
        registry.add("stack.kyc.callback-url", () -> CALLBACK_URL);
        registry.add("stack.kyc.retry-backoff", () -> "20ms");
    }

    @Autowired
    DatabaseClient db;

    /** A new user who has signed up; returns the subject. */
    String signedUpSubject() {
        String subject = newSubject();
        as(subject)
                .document("mutation { signUp(input: {email: \"" + UUID.randomUUID() + "@example.com\"}) { id } }")
                .execute()
                .path("signUp.id")
                .hasValue();
        return subject;
    }

    static Map<String, Object> kycInput(String documentNumber) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("firstName", "Ada");
        input.put("lastName", "Lovelace");
        input.put("dateOfBirth", "1990-12-10");
        input.put("country", "GB");
        input.put("documentNumber", documentNumber);
        return input;
    }

    GraphQlTester.Response submit(String subject, Map<String, Object> input) {
        return as(subject)
                .document("mutation($input: KycInput!) { submitKyc(input: $input) { id kycStatus } }")
                .variable("input", input)
                .execute();
    }

    GraphQlTester.Response submit(String subject) {
        return submit(subject, kycInput("P-1234567"));
    }

    String kycStatusOf(String subject) {
        return as(subject)
                .document("{ me { kycStatus } }")
                .execute()
                .path("me.kycStatus")
                .entity(String.class)
                .get();
    }

    /** The applicant id of the user's latest submission. */
    String latestApplicant(UUID userId) {
        return db.sql("SELECT applicant_id FROM kyc_submissions WHERE user_id = :user ORDER BY attempt DESC LIMIT 1")
                .bind("user", userId)
                .map(row -> row.get("applicant_id", String.class))
                .one()
                .block();
    }

    /** Each row of the user's submissions as "attempt:status:reasons", by attempt. */
    List<String> submissions(UUID userId) {
        return db.sql(
                        "SELECT attempt, status, array_to_string(reasons, '|') AS reasons, decided_at IS NOT NULL AS decided "
                                + "FROM kyc_submissions WHERE user_id = :user ORDER BY attempt")
                .bind("user", userId)
                .map(row -> row.get("attempt", Integer.class) + ":" + row.get("status", String.class) + ":"
                        + row.get("reasons", String.class)
                        + (Boolean.TRUE.equals(row.get("decided", Boolean.class)) ? ":decided" : ""))
                .all()
                .collectList()
                .block();
    }

    /** The user's KycStatusChanged events in the outbox, as "STATUS@version", in order. */
    List<String> kycEvents(UUID userId) {
        return db.sql("SELECT payload FROM outbox_events WHERE partition_key = :key AND event_type = :type ORDER BY id")
                .bind("key", userId.toString())
                .bind("type", "com.stack.onboarding.KycStatusChanged")
                .map(row -> JSON.readValue(row.get("payload", String.class), JSON_OBJECT))
                .all()
                .map(payload -> payload.get("status") + "@" + payload.get("version"))
                .collectList()
                .block();
    }

    /** The user's notifications as "kind: body", oldest first. */
    List<String> notifications(UUID userId) {
        return db.sql("SELECT kind, body FROM notifications WHERE user_id = :user ORDER BY created_at, id")
                .bind("user", userId)
                .map(row -> row.get("kind", String.class) + ": " + row.get("body", String.class))
                .all()
                .collectList()
                .block();
    }

    long callbackEvents(String eventId) {
        return db.sql("SELECT count(*) AS n FROM kyc_callback_events WHERE event_id = :event")
                .bind("event", eventId)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    /** A callback body as the provider writes it. */
    static byte[] callback(String eventId, String applicantId, UUID userId, String decision, List<String> reasons) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", eventId);
        body.put("applicantId", applicantId);
        body.put("externalUserId", userId.toString());
        body.put("decision", decision);
        body.put("reasons", reasons);
        body.put("occurredAt", Instant.now().toString());
        return JSON.writeValueAsBytes(body);
    }

    static String newEventId() {
        return "kyc_evt_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Posts {@code body} to the webhook with the signature header (none if null). */
    WebTestClient.ResponseSpec postCallback(byte[] body, String signatureHeader) {
        WebTestClient.RequestBodySpec request = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(RESPONSE_TIMEOUT)
                .build()
                .post()
                .uri("/webhooks/kyc")
                .contentType(MediaType.APPLICATION_JSON);
        if (signatureHeader != null) {
            request = request.header(KycWebhookSignature.HEADER, signatureHeader);
        }
        return request.bodyValue(body).exchange();
    }

    /** Posts {@code body} signed now with the provider's secret. */
    WebTestClient.ResponseSpec postSignedCallback(byte[] body) {
        return postCallback(body, PROVIDER_SIGNATURE.header(Instant.now().getEpochSecond(), body));
    }

    /** Delivers the provider's decision on the user's latest submission, and expects it processed. */
    void decide(UUID userId, String decision, List<String> reasons) {
        postSignedCallback(callback(newEventId(), latestApplicant(userId), userId, decision, reasons))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("processed");
    }

    private static FakeKycProvider startProvider() {
        FakeKycProvider provider = new FakeKycProvider();
        Runtime.getRuntime().addShutdownHook(new Thread(provider::close, "fake-kyc-provider-stop"));
        return provider;
    }
}
