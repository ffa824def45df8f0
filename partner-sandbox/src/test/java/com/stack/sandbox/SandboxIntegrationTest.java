package com.stack.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The sandbox on a random port with its own configuration file, as {@code java -jar} runs it; tests
 * call it over HTTP. All subclasses (and {@code OidcIssuerTest}) share one application context.
 */
@SpringBootTest(
        classes = PartnerSandboxApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            SandboxIntegrationTest.CONFIG_NAME,
            SandboxIntegrationTest.FAILING_DESTINATIONS,
            SandboxIntegrationTest.REFUSED_DESTINATIONS,
            SandboxIntegrationTest.SETTLE_DELAY
        })
public abstract class SandboxIntegrationTest {

    /*
     * The test properties, the same in every test class (OidcIssuerTest too) so that all share one context.
     */
    public static final String CONFIG_NAME = "spring.config.name=partner-sandbox";
    public static final String FAILING_DESTINATION = "wire-failing";
    public static final String REFUSED_DESTINATION = "wire-refused";
    public static final String FAILING_DESTINATIONS =
            "stack.sandbox.circle.payouts.failing-destinations=wire-other," + FAILING_DESTINATION;
    public static final String REFUSED_DESTINATIONS =
            "stack.sandbox.circle.payouts.refused-destinations=" + REFUSED_DESTINATION;
    public static final String SETTLE_DELAY = "stack.sandbox.circle.payouts.settle-delay=100ms";

    public static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};

    /** The local defaults of partner-sandbox.yml, as the services are configured with them. */
    public static final String CIRCLE_API_KEY = "TEST_API_KEY:stack-local:sandbox";

    public static final String ENTITY_SECRET_HEX = "6c6f63616c2d6f6e6c792d656e746974792d7365637265742d3332627974657a";
    public static final String KYC_API_KEY = "kyc_test_key";
    public static final String KYC_WEBHOOK_SECRET = "kyc_whsec_local_only_change_me";

    /** Generous: the tests share a small machine with other builds, and a slow answer is not what they test. */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    @LocalServerPort
    protected int port;

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected WebTestClient.Builder client(String baseUrl) {
        return WebTestClient.bindToServer().responseTimeout(RESPONSE_TIMEOUT).baseUrl(baseUrl);
    }

    /** No credentials. */
    protected WebTestClient anonymous() {
        return client(baseUrl()).build();
    }

    protected WebTestClient circle() {
        return client(baseUrl() + "/circle")
                .defaultHeader("Authorization", "Bearer " + CIRCLE_API_KEY)
                .build();
    }

    protected WebTestClient kyc() {
        return client(baseUrl() + "/kyc")
                .defaultHeader("Authorization", "Bearer " + KYC_API_KEY)
                .build();
    }

    /** The sandbox's control API ({@code /sandbox/...}), which needs no credentials. */
    protected WebTestClient control() {
        return client(baseUrl() + "/sandbox").build();
    }

    // the sandbox's Circle wallets, which Circle's and Due's transfers pay into

    /** Encrypts the entity secret under the key the sandbox serves now. */
    protected EntitySecretCiphertexts entityCiphertexts() {
        return new EntitySecretCiphertexts((String) circleData(circle().get()
                        .uri("/v1/w3s/config/entity/publicKey")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .get("publicKey"));
    }

    /** A wallet of a new wallet set on {@code blockchain}. */
    @SuppressWarnings("unchecked")
    protected Map<String, Object> newWallet(String blockchain, EntitySecretCiphertexts ciphertexts) {
        Map<String, Object> walletSet = (Map<String, Object>) circleData(circle().post()
                        .uri("/v1/w3s/developer/walletSets")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of(
                                "idempotencyKey",
                                UUID.randomUUID().toString(),
                                "entitySecretCiphertext",
                                ciphertexts.encrypt(ENTITY_SECRET_HEX),
                                "name",
                                "n"))
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .get("walletSet");
        List<Map<String, Object>> wallets = (List<Map<String, Object>>) circleData(circle().post()
                        .uri("/v1/w3s/developer/wallets")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of(
                                "idempotencyKey",
                                UUID.randomUUID().toString(),
                                "entitySecretCiphertext",
                                ciphertexts.encrypt(ENTITY_SECRET_HEX),
                                "walletSetId",
                                walletSet.get("id"),
                                "blockchains",
                                List.of(blockchain),
                                "count",
                                1))
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .get("wallets");
        return wallets.get(0);
    }

    /** The wallet's USDC as {@code GET /v1/w3s/wallets/{id}/balances} shows it. */
    @SuppressWarnings("unchecked")
    protected String usdcBalance(Object walletId) {
        List<Map<String, Object>> balances = (List<Map<String, Object>>) circleData(circle().get()
                        .uri("/v1/w3s/wallets/{id}/balances", walletId)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .get("tokenBalances");
        assertThat(balances).hasSize(1);
        return (String) balances.get(0).get("amount");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> circleData(Map<String, Object> body) {
        return (Map<String, Object>) body.get("data");
    }
}
