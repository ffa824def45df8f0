package com.stack.sandbox.circle;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.stack.contracts.chains.EthereumAddress;
import com.stack.contracts.chains.SolanaAddress;
import com.stack.sandbox.CallbackReceiver;
import com.stack.sandbox.CallbackReceiver.Received;
import com.stack.sandbox.SandboxIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tests of Circle's webhook notifications: a Reactor Netty receiver of the test's own, subscriptions,
 * and the check funding-service makes of a notification (the signature over the raw bytes with the
 * key fetched by the id in {@code X-Circle-Key-Id}). Each test leaves no subscription nor fault behind.
 */
public abstract class CircleWebhookTest extends SandboxIntegrationTest {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static CallbackReceiver receiver;

    @BeforeAll
    static void startReceiver() {
        receiver = new CallbackReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /** Every notification goes to every subscription: each test leaves none behind, nor any fault. */
    @AfterEach
    void unsubscribeAndClearFaults() {
        for (Map<String, Object> subscription : subscriptions()) {
            circle().delete()
                    .uri("/v2/notifications/subscriptions/{id}", subscription.get("id"))
                    .exchange()
                    .expectStatus()
                    .isNoContent();
        }
        control().delete().uri("/faults").exchange().expectStatus().isNoContent();
    }

    protected String subscribe(String name) {
        return (String) data(subscribeRequest(receiver.url(name))
                        .expectStatus()
                        .isCreated()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .get("id");
    }

    protected WebTestClient.ResponseSpec subscribeRequest(String endpoint) {
        return circle().post()
                .uri("/v2/notifications/subscriptions")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("endpoint", endpoint))
                .exchange();
    }

    @SuppressWarnings("unchecked")
    protected List<Map<String, Object>> subscriptions() {
        return (List<Map<String, Object>>) circle().get()
                .uri("/v2/notifications/subscriptions")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("data");
    }

    /** A delivery fault of Circle's notifications of {@code type}, for one notification. */
    protected WebTestClient.ResponseSpec deliveryFault(String type, String kind) {
        return control()
                .post()
                .uri("/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("partner", "circle", "delivery", type, "kind", kind, "count", 1))
                .exchange();
    }

    /**
     * Waits until the delivery log at {@code uri} (a control API path with one {@code {id}}) holds at
     * least {@code count} entries for the object {@code id}; returns them all, oldest first.
     */
    protected List<Map<String, Object>> deliveries(String uri, String id, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> readDeliveries(uri, id).size() >= count);
        return readDeliveries(uri, id);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> readDeliveries(String uri, String id) {
        return (List<Map<String, Object>>) control()
                .get()
                .uri(uri, id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("deliveries");
    }

    /** The body, after checking its signature over the raw bytes with the key the sandbox serves under the named id. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> verified(Received post) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey(post.header("X-Circle-Key-Id")));
            verifier.update(post.body());
            assertThat(verifier.verify(Base64.getDecoder().decode(post.header("X-Circle-Signature"))))
                    .as("X-Circle-Signature verifies over the raw body")
                    .isTrue();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        return JSON.readValue(post.body(), Map.class);
    }

    protected PublicKey publicKey(String keyId) {
        String spki = (String) data(circle().get()
                        .uri("/v2/notifications/publicKey/{id}", keyId)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .get("publicKey");
        try {
            return KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(spki)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** A valid address of no wallet: EIP-55, of random bytes. */
    protected static String ethereumAddress() {
        byte[] bytes = new byte[EthereumAddress.LENGTH_BYTES];
        ThreadLocalRandom.current().nextBytes(bytes);
        return EthereumAddress.checksum(bytes);
    }

    /** A valid Solana address of no wallet: base58 of 32 random bytes. */
    protected static String solanaAddress() {
        byte[] bytes = new byte[SolanaAddress.LENGTH_BYTES];
        ThreadLocalRandom.current().nextBytes(bytes);
        return SolanaAddress.of(bytes);
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> data(Map<String, Object> body) {
        return (Map<String, Object>) body.get("data");
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> object(Map<String, Object> body, String field) {
        return (Map<String, Object>) body.get(field);
    }
}
