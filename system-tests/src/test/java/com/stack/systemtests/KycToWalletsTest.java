package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.stack.contracts.chains.EthereumAddress;
import com.stack.contracts.chains.SolanaAddress;
import com.stack.contracts.events.EventType;
import com.stack.contracts.events.Topics;
import com.stack.contracts.identity.UserIds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Issue #4 end to end, through the gateway, with the real services and the partner sandbox over
 * HTTP: a bearer token becomes a KYC-approved user with one Circle wallet per chain.
 */
class KycToWalletsTest {

    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(30);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final String ME = "{ me { id kycStatus wallets { chain address status } } }";

    static StackSuite suite;

    @BeforeAll
    static void startSuite() {
        suite = StackSuite.shared();
    }

    @Test
    void anApprovedUserGetsOneActiveWalletPerChainWithValidAddresses() {
        String subject = "auth0|" + UUID.randomUUID();
        GatewayClient client = signUp(subject);

        GatewayClient.Response submitted = submitKyc(client, "D1234567");
        assertThat(submitted.errors()).isEmpty();
        assertThat(submitted.<String>at("submitKyc.kycStatus")).isEqualTo("PENDING");

        List<Map<String, Object>> wallets = awaitActiveWallets(client);
        assertThat(wallets).extracting(w -> w.get("chain")).containsExactlyInAnyOrder("ETHEREUM", "SOLANA");
        assertThat(wallets).allSatisfy(w -> assertThat(w.get("status")).isEqualTo("ACTIVE"));
        String ethereum = address(wallets, "ETHEREUM");
        assertThat(EthereumAddress.isValid(ethereum)).as(ethereum).isTrue();
        assertThat(ethereum).as("EIP-55 checksummed").isNotEqualTo(ethereum.toLowerCase());
        assertThat(SolanaAddress.isValid(address(wallets, "SOLANA"))).isTrue();
        assertThat(client.graphQl("{ depositAddress(chain: SOLANA) { address status } }")
                        .<String>at("depositAddress.address"))
                .isEqualTo(address(wallets, "SOLANA"));
        assertThat(circleWallets(userId(subject))).hasSize(2);
    }

    @Test
    void aRejectedUserHasNoWalletsAndAClearStatus() {
        String subject = "auth0|" + UUID.randomUUID();
        GatewayClient client = signUp(subject);

        assertThat(submitKyc(client, "REJECT-0001").errors()).isEmpty();

        await().atMost(WITHIN_SECONDS)
                .untilAsserted(() -> assertThat(client.graphQl(ME).<String>at("me.kycStatus"))
                        .isEqualTo("REJECTED"));
        assertThat(client.graphQl(ME).<List<?>>at("me.wallets")).isEmpty();
        GatewayClient.Response address = client.graphQl("{ depositAddress(chain: ETHEREUM) { address } }");
        assertThat(address.errors())
                .singleElement()
                .satisfies(e -> assertThat(extensions(e)).containsEntry("code", "KYC_NOT_APPROVED"));
        assertThat(circleWallets(userId(subject))).isEmpty();
    }

    @Test
    void aSecondSignUpIsTheSameUser() {
        String subject = "auth0|" + UUID.randomUUID();
        GatewayClient client = signUp(subject);
        GatewayClient.Response again =
                client.graphQl("mutation { signUp(input: {email: \"again@example.com\"}) { id } }");

        assertThat(again.errors()).isEmpty();
        assertThat(again.<String>at("signUp.id")).isEqualTo(userId(subject).toString());
    }

    @Test
    void aDuplicatedKycDecisionStillGivesOneWalletPerChain() {
        String subject = "auth0|" + UUID.randomUUID();
        GatewayClient client = signUp(subject);
        assertThat(submitKyc(client, "D7654321").errors()).isEmpty();
        awaitActiveWallets(client);
        String applicant = applicantOf(userId(subject));

        // the provider delivers its callback again, byte for byte, and onboarding's event goes out again
        for (int i = 0; i < 3; i++) {
            sandbox()
                    .post()
                    .uri("/sandbox/kyc/applicants/{id}/redeliver", applicant)
                    .retrieve()
                    .toBodilessEntity()
                    .block(WITHIN_SECONDS);
        }
        // onboarding's KycStatusChanged events for this user delivered again by the broker, same event ids
        assertThat(KafkaRecords.redeliver(
                        Topics.ONBOARDING + StackSuite.TOPIC_SUFFIX,
                        userId(subject).toString(),
                        EventType.KYC_STATUS_CHANGED.type()))
                .isGreaterThanOrEqualTo(2);

        await().during(Duration.ofSeconds(3))
                .atMost(WITHIN_SECONDS)
                .untilAsserted(() ->
                        assertThat(client.graphQl(ME).<List<?>>at("me.wallets")).hasSize(2));
        assertThat(circleWallets(userId(subject))).hasSize(2);
    }

    @Test
    void walletsCompleteAfterA20SecondCircleOutageWithExactlyOnePerChain() {
        String subject = "auth0|" + UUID.randomUUID();
        GatewayClient client = signUp(subject);
        Map<String, Object> fault = sandbox()
                .post()
                .uri("/sandbox/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "partner",
                        "circle",
                        "method",
                        "POST",
                        "pathPattern",
                        "/v1/w3s/developer/wallets",
                        "status",
                        503,
                        "durationSeconds",
                        20))
                .retrieve()
                .bodyToMono(JSON)
                .block(WITHIN_SECONDS);
        assertThat(fault).containsKey("id");

        assertThat(submitKyc(client, "D1111111").errors()).isEmpty();
        await().atMost(WITHIN_SECONDS)
                .untilAsserted(() -> assertThat(client.graphQl(ME).<String>at("me.kycStatus"))
                        .isEqualTo("APPROVED"));
        // Circle is down: once the wallet service has the approval, its wallets wait to be opened; none is
        // listed and no deposit address is handed out
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(client.graphQl("{ depositAddress(chain: ETHEREUM) { address } }")
                                .errors())
                        .singleElement()
                        .satisfies(e -> assertThat(extensions(e)).containsEntry("code", "WALLET_NOT_READY")));
        assertThat(client.graphQl(ME).<List<Map<String, Object>>>at("me.wallets"))
                .isEmpty();

        List<Map<String, Object>> wallets = awaitActiveWallets(client, Duration.ofSeconds(90));
        assertThat(wallets).hasSize(2);
        assertThat(circleWallets(userId(subject))).hasSize(2);
    }

    @Test
    void aKycCallbackWithABadSignatureOrAnOldTimestampIsRefusedAndChangesNothing() {
        String subject = "auth0|" + UUID.randomUUID();
        GatewayClient client = signUp(subject);
        assertThat(submitKyc(client, "REVIEW-0001").errors()).isEmpty();
        String applicant = applicantOf(userId(subject));
        String body = "{\"eventId\":\"kyc_evt_" + UUID.randomUUID().toString().replace("-", "")
                + "\",\"applicantId\":\"" + applicant + "\",\"externalUserId\":\"" + userId(subject)
                + "\",\"decision\":\"approved\",\"reasons\":[],\"occurredAt\":\"" + Instant.now() + "\"}";
        long now = Instant.now().getEpochSecond();

        assertThat(callback(body, "t=" + now + ",v1=" + sign("another-secret", now, body)))
                .isEqualTo(401);
        assertThat(callback(body, "t=" + (now - 3600) + ",v1=" + sign(suite.kycWebhookSecret(), now - 3600, body)))
                .isEqualTo(401);
        assertThat(callback(body, null)).isEqualTo(401);

        assertThat(client.graphQl(ME).<String>at("me.kycStatus")).isEqualTo("PENDING");
        assertThat(client.graphQl(ME).<List<?>>at("me.wallets")).isEmpty();
    }

    @Test
    void badSignUpAndKycInputIsRefusedWithTheFieldNamed() {
        GatewayClient client =
                new GatewayClient(suite.gatewayUrl(), suite.issuer().token("auth0|" + UUID.randomUUID(), null));
        GatewayClient.Response badEmail =
                client.graphQl("mutation { signUp(input: {email: \"not-an-email\"}) { id } }");
        assertThat(badEmail.errors())
                .singleElement()
                .satisfies(e -> assertThat(extensions(e)).containsEntry("code", "BAD_USER_INPUT"));

        GatewayClient signedUp = signUp("auth0|" + UUID.randomUUID());
        GatewayClient.Response longName = signedUp.graphQl("""
                mutation($n: String!) { submitKyc(input: {firstName: $n, lastName: "Lovelace", dateOfBirth: "1990-12-10",
                  country: "GB", documentNumber: "D1234567"}) { kycStatus } }""", Map.of("n", "A".repeat(500)));
        assertThat(longName.errors())
                .singleElement()
                .satisfies(e -> assertThat(extensions(e))
                        .containsEntry("code", "BAD_USER_INPUT")
                        .containsEntry("field", "firstName"));
        assertThat(signedUp.graphQl(ME).<String>at("me.kycStatus")).isEqualTo("NOT_STARTED");
    }

    private GatewayClient signUp(String subject) {
        GatewayClient client =
                new GatewayClient(suite.gatewayUrl(), suite.issuer().token(subject, "u@example.com"));
        GatewayClient.Response signUp = client.graphQl(
                "mutation($e: String!) { signUp(input: {email: $e}) { id } }",
                Map.of("e", UUID.randomUUID() + "@example.com"));
        assertThat(signUp.errors()).isEmpty();
        return client;
    }

    private static GatewayClient.Response submitKyc(GatewayClient client, String documentNumber) {
        return client.graphQl("""
                mutation($doc: String!) { submitKyc(input: {firstName: "Ada", lastName: "Lovelace",
                  dateOfBirth: "1990-12-10", country: "GB", documentNumber: $doc}) { kycStatus } }""", Map.of("doc", documentNumber));
    }

    private static List<Map<String, Object>> awaitActiveWallets(GatewayClient client) {
        return awaitActiveWallets(client, WITHIN_SECONDS);
    }

    private static List<Map<String, Object>> awaitActiveWallets(GatewayClient client, Duration within) {
        return await().atMost(within)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> client.graphQl(ME).<List<Map<String, Object>>>at("me.wallets"),
                        wallets -> wallets != null
                                && wallets.size() == 2
                                && wallets.stream().allMatch(w -> "ACTIVE".equals(w.get("status"))));
    }

    private static String address(List<Map<String, Object>> wallets, String chain) {
        return wallets.stream()
                .filter(w -> chain.equals(w.get("chain")))
                .map(w -> (String) w.get("address"))
                .findFirst()
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> extensions(Map<String, Object> error) {
        return (Map<String, Object>) error.getOrDefault("extensions", Map.of());
    }

    private static UUID userId(String subject) {
        return UserIds.fromSubject(suite.issuer().issuer(), subject);
    }

    /** The wallets the sandbox's Circle holds for the user (metadata refId = user id), on every chain. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> circleWallets(UUID userId) {
        Map<String, Object> body = sandbox()
                .get()
                .uri("/circle/v1/w3s/wallets?refId={refId}", userId)
                .header("Authorization", "Bearer " + suite.circleApiKey())
                .retrieve()
                .bodyToMono(JSON)
                .block(WITHIN_SECONDS);
        return (List<Map<String, Object>>) ((Map<String, Object>) body.get("data")).get("wallets");
    }

    private static String applicantOf(UUID userId) {
        return suite.queryOne(
                "onboarding",
                "SELECT applicant_id FROM kyc_submissions WHERE user_id = '" + userId
                        + "' ORDER BY attempt DESC LIMIT 1");
    }

    private static int callback(String body, String signature) {
        return WebClient.create(suite.gatewayUrl())
                .post()
                .uri("/webhooks/kyc")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    if (signature != null) {
                        h.set("X-Kyc-Signature", signature);
                    }
                })
                .bodyValue(body.getBytes(StandardCharsets.UTF_8))
                .exchangeToMono(response ->
                        response.releaseBody().thenReturn(response.statusCode().value()))
                .block(WITHIN_SECONDS);
    }

    private static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static WebClient sandbox() {
        return WebClient.create(suite.sandboxUrl());
    }
}
