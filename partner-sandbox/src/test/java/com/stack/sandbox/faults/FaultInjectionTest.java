package com.stack.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.stack.sandbox.EntitySecretCiphertexts;
import com.stack.sandbox.SandboxIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;

class FaultInjectionTest extends SandboxIntegrationTest {

    EntitySecretCiphertexts ciphertexts;

    @BeforeEach
    void fetchThePublicKey() {
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) circle().get()
                .uri("/v1/w3s/config/entity/publicKey")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("data");
        ciphertexts = new EntitySecretCiphertexts((String) data.get("publicKey"));
    }

    @AfterEach
    void clearFaults() {
        control().delete().uri("/faults").exchange().expectStatus().isNoContent();
    }

    @Test
    void a503ForTwoRequestsAnswersInCirclesFormatThenCircleAnswersAgain() {
        String faultId = addFault(Map.of(
                "partner",
                "circle",
                "method",
                "POST",
                "pathPattern",
                "/v1/w3s/developer/walletSets",
                "status",
                503,
                "count",
                2));
        assertThat(faultId).startsWith("flt_");

        // the same ciphertext and key every time: a faulted request never reaches Circle's state
        String key = UUID.randomUUID().toString();
        String ciphertext = ciphertexts.encrypt(ENTITY_SECRET_HEX);
        for (int i = 0; i < 2; i++) {
            createWalletSet(key, ciphertext)
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .valueEquals("X-Sandbox-Fault", faultId)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo(-1)
                    .jsonPath("$.message")
                    .isNotEmpty();
        }
        createWalletSet(key, ciphertext)
                .expectStatus()
                .isCreated()
                .expectHeader()
                .doesNotExist("X-Sandbox-Fault");

        assertThat(activeFaults()).isEmpty();
    }

    @Test
    void aFaultHitsOnlyItsPartnerMethodAndPath() {
        String faultId =
                addFault(Map.of("partner", "kyc", "method", "GET", "pathPattern", "/v1/applicants/*", "status", 500));

        kyc().get()
                .uri("/v1/applicants/kyc_app_1")
                .exchange()
                .expectStatus()
                .isEqualTo(500)
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("internal_server_error")
                .jsonPath("$.message")
                .isNotEmpty();
        // another method, another path, another partner, the control API: untouched
        kyc().post()
                .uri("/v1/applicants")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isBadRequest();
        circle().get()
                .uri("/v1/w3s/wallets/{id}", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();
        control().get().uri("/faults").exchange().expectStatus().isOk();

        assertThat(activeFaults())
                .singleElement()
                .satisfies(fault -> assertThat(fault)
                        .containsEntry("id", faultId)
                        .containsEntry("partner", "kyc")
                        .containsEntry("method", "GET")
                        .containsEntry("pathPattern", "/v1/applicants/*")
                        .containsEntry("status", 500)
                        .containsEntry("hits", 1)
                        .containsEntry("probability", 1.0)
                        .containsEntry("remaining", null)
                        .containsEntry("expiresAt", null));
    }

    @Test
    void aFaultWithoutMethodOrPathHitsEveryRequestOfItsPartnerBeforeAuthentication() {
        addFault(Map.of("partner", "circle", "status", 502));

        anonymous()
                .get()
                .uri("/circle/v1/w3s/config/entity/publicKey")
                .exchange()
                .expectStatus()
                .isEqualTo(502);
        circle().get()
                .uri("/v1/w3s/wallets/{id}", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isEqualTo(502);
    }

    @Test
    void aFaultEndsAfterItsDuration() {
        addFault(Map.of("partner", "circle", "pathPattern", "/v1/w3s/config/**", "status", 503, "durationSeconds", 1));
        assertThat(activeFaults())
                .singleElement()
                .satisfies(fault -> assertThat(fault.get("expiresAt")).isNotNull());
        circle().get()
                .uri("/v1/w3s/config/entity/publicKey")
                .exchange()
                .expectStatus()
                .isEqualTo(503);

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> circle().get()
                                .uri("/v1/w3s/config/entity/publicKey")
                                .exchange()
                                .expectBody()
                                .returnResult()
                                .getStatus()
                                .value()
                        == 200);
        assertThat(activeFaults()).isEmpty();
    }

    @Test
    void latencyDelaysTheNormalAnswer() {
        String faultId = addFault(
                Map.of("partner", "circle", "pathPattern", "/v1/w3s/config/entity/publicKey", "latencyMs", 400));

        long started = System.nanoTime();
        circle().get()
                .uri("/v1/w3s/config/entity/publicKey")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Sandbox-Fault", faultId)
                .expectBody()
                .jsonPath("$.data.publicKey")
                .isNotEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aTimeoutHoldsTheConnectionUntilTheClientGivesUp() {
        addFault(Map.of("partner", "circle", "method", "GET", "timeout", true, "count", 1));

        // a client of its own, without a pool: the held connection must not go back to a pool the other requests
        // of this class share, where the next request would queue behind the held one on the same connection
        WebClient once = WebClient.builder()
                .baseUrl(baseUrl())
                .clientConnector(new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                        reactor.netty.http.client.HttpClient.newConnection()))
                .build();
        StepVerifier.create(once.get()
                        .uri("/circle/v1/w3s/config/entity/publicKey")
                        .header("Authorization", "Bearer " + CIRCLE_API_KEY)
                        .retrieve()
                        .toBodilessEntity()
                        .timeout(Duration.ofMillis(500)))
                .expectError(TimeoutException.class)
                .verify(Duration.ofSeconds(10));

        circle().get()
                .uri("/v1/w3s/config/entity/publicKey")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void faultsAreRemovedOneByOneOrAllAtOnce() {
        String first = addFault(Map.of("partner", "circle", "status", 500));
        String second = addFault(Map.of("partner", "kyc", "status", 500));

        control().delete().uri("/faults/{id}", first).exchange().expectStatus().isNoContent();
        assertThat(activeFaults()).extracting(fault -> fault.get("id")).containsExactly(second);
        control().delete().uri("/faults/{id}", first).exchange().expectStatus().isNotFound();
        circle().get()
                .uri("/v1/w3s/config/entity/publicKey")
                .exchange()
                .expectStatus()
                .isOk();

        control().delete().uri("/faults").exchange().expectStatus().isNoContent();
        assertThat(activeFaults()).isEmpty();
        kyc().get().uri("/v1/applicants/kyc_app_1").exchange().expectStatus().isNotFound();
    }

    @Test
    void anInvalidFaultIsRefusedNamingTheField() {
        expectInvalid(Map.of("partner", "nobody", "status", 503), "partner");
        expectInvalid(Map.of("status", 503), "partner");
        expectInvalid(Map.of("partner", "circle", "status", 200), "status");
        expectInvalid(Map.of("partner", "circle"), "status");
        expectInvalid(Map.of("partner", "circle", "status", 503, "probability", 0), "probability");
        expectInvalid(Map.of("partner", "circle", "status", 503, "count", 0), "count");
        expectInvalid(Map.of("partner", "circle", "status", 503, "durationSeconds", 0), "durationSeconds");
        expectInvalid(Map.of("partner", "circle", "latencyMs", -1), "latencyMs");
        expectInvalid(Map.of("partner", "circle", "status", 503, "method", "FETCH"), "method");
        expectInvalid(Map.of("partner", "circle", "status", 503, "pathPattern", "v1/no-slash"), "pathPattern");
        assertThat(activeFaults()).isEmpty();
    }

    void expectInvalid(Map<String, Object> fault, String field) {
        control()
                .post()
                .uri("/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(fault)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_request")
                .jsonPath("$.field")
                .isEqualTo(field);
    }

    String addFault(Map<String, Object> fault) {
        return (String) control()
                .post()
                .uri("/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(fault)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> activeFaults() {
        return (List<Map<String, Object>>) control()
                .get()
                .uri("/faults")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("faults");
    }

    WebTestClient.ResponseSpec createWalletSet(String idempotencyKey, String ciphertext) {
        return circle().post()
                .uri("/v1/w3s/developer/walletSets")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "idempotencyKey", idempotencyKey, "entitySecretCiphertext", ciphertext, "name", "faulted"))
                .exchange();
    }
}
