package com.stack.sandbox.circle.wallets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.contracts.chains.EthereumAddress;
import com.stack.contracts.chains.SolanaAddress;
import com.stack.sandbox.EntitySecretCiphertexts;
import com.stack.sandbox.SandboxIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class CircleWalletsTest extends SandboxIntegrationTest {

    EntitySecretCiphertexts ciphertexts;

    @BeforeEach
    void fetchThePublicKey() {
        Map<String, Object> body = circle().get()
                .uri("/v1/w3s/config/entity/publicKey")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        ciphertexts = new EntitySecretCiphertexts((String) data(body).get("publicKey"));
    }

    @Test
    void thePublicKeyIsAnRsa2048KeyInPem() {
        String pem = (String) data(circle().get()
                        .uri("/v1/w3s/config/entity/publicKey")
                        .exchange()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .get("publicKey");
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(ciphertexts.publicKey().getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void aWalletSetIsCreatedWithAFreshCiphertext() {
        Map<String, Object> walletSet =
                walletSet(createWalletSet(UUID.randomUUID().toString(), ciphertext(), "users")
                        .expectStatus()
                        .isCreated());

        assertThat(walletSet)
                .containsEntry("custodyType", "DEVELOPER")
                .containsEntry("name", "users")
                .containsKeys("id", "createDate", "updateDate");
        assertThat(UUID.fromString((String) walletSet.get("id"))).isNotNull();
        assertThat(Instant.parse((String) walletSet.get("createDate"))).isNotNull();
    }

    @Test
    void aCiphertextOfAnotherSecretIsRefused() {
        expectCircleError(
                createWalletSet(UUID.randomUUID().toString(), ciphertexts.encrypt("00".repeat(32)), "x"), 401, 156016);
    }

    @Test
    void aCiphertextWithMgf1Sha1IsRefused() {
        expectCircleError(
                createWalletSet(UUID.randomUUID().toString(), ciphertexts.encryptWithMgf1Sha1(ENTITY_SECRET_HEX), "x"),
                401,
                156016);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "AAAA", "c2hvcnQ="})
    void aCiphertextThatDoesNotDecryptIsRefused(String ciphertext) {
        expectCircleError(createWalletSet(UUID.randomUUID().toString(), ciphertext, "x"), 401, 156016);
    }

    @Test
    void aReusedCiphertextIsRefusedEvenForANewRequest() {
        String ciphertext = ciphertext();
        createWalletSet(UUID.randomUUID().toString(), ciphertext, "first")
                .expectStatus()
                .isCreated();

        expectCircleError(createWalletSet(UUID.randomUUID().toString(), ciphertext, "second"), 400, 156017);
    }

    @Test
    void theSameKeyAndRequestWithAFreshCiphertextReturnTheSameWalletSet() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> first = walletSet(
                createWalletSet(key, ciphertext(), "same").expectStatus().isCreated());
        Map<String, Object> again = walletSet(
                createWalletSet(key, ciphertext(), "same").expectStatus().isOk());

        assertThat(again).isEqualTo(first);
    }

    @Test
    void theSameKeyWithADifferentRequestIsAConflict() {
        String key = UUID.randomUUID().toString();
        createWalletSet(key, ciphertext(), "one").expectStatus().isCreated();

        expectCircleError(createWalletSet(key, ciphertext(), "two"), 409, 156018);
    }

    @Test
    void walletsAreCreatedCountTimesPerBlockchainWithValidAddresses() {
        String walletSetId = newWalletSet();
        List<Map<String, Object>> wallets = wallets(createWallets(Map.of(
                        "idempotencyKey",
                        UUID.randomUUID().toString(),
                        "entitySecretCiphertext",
                        ciphertext(),
                        "walletSetId",
                        walletSetId,
                        "blockchains",
                        List.of("ETH-SEPOLIA", "SOL-DEVNET"),
                        "accountType",
                        "EOA",
                        "count",
                        2,
                        "metadata",
                        List.of(
                                Map.of("name", "ada eth", "refId", "user-1"),
                                Map.of("name", "bob", "refId", "user-2"))))
                .expectStatus()
                .isCreated());

        assertThat(wallets).hasSize(4);
        assertThat(wallets)
                .extracting(w -> w.get("blockchain"))
                .containsExactly("ETH-SEPOLIA", "ETH-SEPOLIA", "SOL-DEVNET", "SOL-DEVNET");
        assertThat(wallets).extracting(w -> w.get("refId")).containsExactly("user-1", "user-2", "user-1", "user-2");
        assertThat(wallets)
                .allSatisfy(wallet -> assertThat(wallet)
                        .containsEntry("state", "LIVE")
                        .containsEntry("custodyType", "DEVELOPER")
                        .containsEntry("walletSetId", walletSetId)
                        .containsEntry("accountType", "EOA")
                        .containsKeys("id", "createDate", "updateDate"));
        for (Map<String, Object> wallet : wallets.subList(0, 2)) {
            String address = (String) wallet.get("address");
            assertThat(EthereumAddress.isValid(address)).as(address).isTrue();
            assertThat(address).as("checksummed, so mixed case").isNotEqualTo(address.toLowerCase());
        }
        for (Map<String, Object> wallet : wallets.subList(2, 4)) {
            assertThat(SolanaAddress.isValid((String) wallet.get("address")))
                    .as((String) wallet.get("address"))
                    .isTrue();
        }
        assertThat(wallets).extracting(w -> w.get("address")).doesNotHaveDuplicates();
    }

    @Test
    void aCreatedWalletCanBeReadBack() {
        Map<String, Object> wallet = wallets(createWallets(Map.of(
                                "idempotencyKey",
                                UUID.randomUUID().toString(),
                                "entitySecretCiphertext",
                                ciphertext(),
                                "walletSetId",
                                newWalletSet(),
                                "blockchains",
                                List.of("ETH"),
                                "count",
                                1))
                        .expectStatus()
                        .isCreated())
                .get(0);

        Map<String, Object> read = circle().get()
                .uri("/v1/w3s/wallets/{id}", wallet.get("id"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(data(read).get("wallet")).isEqualTo(wallet);
        assertThat(wallet)
                .containsEntry("accountType", "EOA")
                .containsEntry("refId", "")
                .containsEntry("name", "");
    }

    @Test
    @SuppressWarnings("unchecked")
    void walletsAreListedByRefIdAndBlockchain() {
        String refId = "user-" + UUID.randomUUID();
        createWallets(Map.of(
                        "idempotencyKey",
                        UUID.randomUUID().toString(),
                        "entitySecretCiphertext",
                        ciphertext(),
                        "walletSetId",
                        newWalletSet(),
                        "blockchains",
                        List.of("ETH-SEPOLIA", "SOL-DEVNET"),
                        "count",
                        1,
                        "metadata",
                        List.of(Map.of("name", "ada", "refId", refId))))
                .expectStatus()
                .isCreated();

        Map<String, Object> all = circle().get()
                .uri("/v1/w3s/wallets?refId={refId}", refId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        Map<String, Object> solana = circle().get()
                .uri("/v1/w3s/wallets?refId={refId}&blockchain=SOL-DEVNET", refId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();

        assertThat((List<Map<String, Object>>) data(all).get("wallets"))
                .extracting(w -> w.get("blockchain"))
                .containsExactlyInAnyOrder("ETH-SEPOLIA", "SOL-DEVNET");
        assertThat((List<Map<String, Object>>) data(solana).get("wallets"))
                .singleElement()
                .satisfies(w -> assertThat(w).containsEntry("refId", refId).containsEntry("blockchain", "SOL-DEVNET"));
    }

    @Test
    void anUnknownWalletIsNotFound() {
        circle().get()
                .uri("/v1/w3s/wallets/{id}", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(156001);
        circle().get()
                .uri("/v1/w3s/wallets/not-a-uuid")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(2);
    }

    @Test
    void walletIdempotencyReplaysTheSameWalletsAndRefusesADifferentRequest() {
        String walletSetId = newWalletSet();
        String key = UUID.randomUUID().toString();
        List<Map<String, Object>> first = wallets(createWallets(walletsRequest(key, walletSetId, List.of("SOL"), 1))
                .expectStatus()
                .isCreated());
        List<Map<String, Object>> again = wallets(createWallets(walletsRequest(key, walletSetId, List.of("SOL"), 1))
                .expectStatus()
                .isOk());
        assertThat(again).isEqualTo(first);

        expectCircleError(createWallets(walletsRequest(key, walletSetId, List.of("ETH"), 1)), 409, 156018);
    }

    @Test
    void walletsInAnUnknownWalletSetAreNotFoundAndTheKeyStaysFree() {
        String key = UUID.randomUUID().toString();
        expectCircleError(
                createWallets(walletsRequest(key, UUID.randomUUID().toString(), List.of("ETH"), 1)), 404, 156006);

        createWallets(walletsRequest(key, newWalletSet(), List.of("ETH"), 1))
                .expectStatus()
                .isCreated();
    }

    @Test
    void metadataMustHaveCountEntries() {
        Map<String, Object> error = expectCircleError(
                createWallets(Map.of(
                        "idempotencyKey",
                        UUID.randomUUID().toString(),
                        "entitySecretCiphertext",
                        ciphertext(),
                        "walletSetId",
                        newWalletSet(),
                        "blockchains",
                        List.of("ETH"),
                        "count",
                        2,
                        "metadata",
                        List.of(Map.of("refId", "only-one")))),
                400,
                2);

        assertThat(locations(error)).containsExactly("metadata");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 201})
    void countIsBetweenOneAnd200(int count) {
        Map<String, Object> error = expectCircleError(
                createWallets(walletsRequest(UUID.randomUUID().toString(), newWalletSet(), List.of("ETH"), count)),
                400,
                2);

        assertThat(locations(error)).containsExactly("count");
    }

    @Test
    void everyInvalidFieldIsListed() {
        Map<String, Object> error = expectCircleError(
                createWallets(Map.of(
                        "idempotencyKey",
                        "not-a-uuid",
                        "walletSetId",
                        newWalletSet(),
                        "blockchains",
                        List.of("ETH", "BTC", "ETH"),
                        "accountType",
                        "SCA",
                        "count",
                        1)),
                400,
                2);

        assertThat(locations(error))
                .containsExactlyInAnyOrder(
                        "idempotencyKey", "entitySecretCiphertext", "blockchains[1]", "blockchains[2]");
    }

    @Test
    void solanaHasNoSmartContractAccounts() {
        Map<String, Object> request = new java.util.HashMap<>(
                walletsRequest(UUID.randomUUID().toString(), newWalletSet(), List.of("SOL"), 1));
        request.put("accountType", "SCA");

        assertThat(locations(expectCircleError(createWallets(request), 400, 2))).containsExactly("accountType");
    }

    @Test
    void aBodyThatIsNotJsonIsAValidationError() {
        expectCircleError(
                circle().post()
                        .uri("/v1/w3s/developer/walletSets")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"idempotencyKey\": ")
                        .exchange(),
                400,
                2);
        expectCircleError(
                circle().post()
                        .uri("/v1/w3s/developer/wallets")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"count\": \"many\"}")
                        .exchange(),
                400,
                2);
    }

    @Test
    void withoutTheApiKeyEveryEndpointAnswers401() {
        WebTestClient anonymous = client(baseUrl() + "/circle").build();
        WebTestClient wrongKey = client(baseUrl() + "/circle")
                .defaultHeader("Authorization", "Bearer TEST_API_KEY:someone:else")
                .build();
        for (WebTestClient client : List.of(anonymous, wrongKey)) {
            expectCircleError(
                    client.get().uri("/v1/w3s/config/entity/publicKey").exchange(), 401, 401);
            expectCircleError(
                    client.get().uri("/v1/w3s/wallets/{id}", UUID.randomUUID()).exchange(), 401, 401);
            expectCircleError(
                    client.post()
                            .uri("/v1/w3s/developer/walletSets")
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of(
                                    "idempotencyKey",
                                    UUID.randomUUID().toString(),
                                    "entitySecretCiphertext",
                                    ciphertext()))
                            .exchange(),
                    401,
                    401);
        }
    }

    String ciphertext() {
        return ciphertexts.encrypt(ENTITY_SECRET_HEX);
    }

    String newWalletSet() {
        return (String) walletSet(createWalletSet(UUID.randomUUID().toString(), ciphertext(), "set")
                        .expectStatus()
                        .isCreated())
                .get("id");
    }

    WebTestClient.ResponseSpec createWalletSet(String idempotencyKey, String ciphertext, String name) {
        return circle().post()
                .uri("/v1/w3s/developer/walletSets")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("idempotencyKey", idempotencyKey, "entitySecretCiphertext", ciphertext, "name", name))
                .exchange();
    }

    Map<String, Object> walletsRequest(String idempotencyKey, String walletSetId, List<String> blockchains, int count) {
        return Map.of(
                "idempotencyKey",
                idempotencyKey,
                "entitySecretCiphertext",
                ciphertext(),
                "walletSetId",
                walletSetId,
                "blockchains",
                blockchains,
                "count",
                count);
    }

    WebTestClient.ResponseSpec createWallets(Map<String, Object> body) {
        return circle().post()
                .uri("/v1/w3s/developer/wallets")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> body) {
        return (Map<String, Object>) body.get("data");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> walletSet(WebTestClient.ResponseSpec response) {
        return (Map<String, Object>)
                data(response.expectBody(JSON_OBJECT).returnResult().getResponseBody())
                        .get("walletSet");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> wallets(WebTestClient.ResponseSpec response) {
        return (List<Map<String, Object>>)
                data(response.expectBody(JSON_OBJECT).returnResult().getResponseBody())
                        .get("wallets");
    }

    @SuppressWarnings("unchecked")
    static List<String> locations(Map<String, Object> error) {
        return ((List<Map<String, Object>>) error.get("errors"))
                .stream()
                        .map(e -> {
                            assertThat(e).containsKeys("error", "location", "message");
                            return (String) e.get("location");
                        })
                        .toList();
    }

    /** Circle's error format: {"code": ..., "message": ...} with that HTTP status. */
    static Map<String, Object> expectCircleError(WebTestClient.ResponseSpec response, int status, int code) {
        Map<String, Object> error = response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(error).containsEntry("code", code);
        assertThat((String) error.get("message")).isNotBlank();
        return error;
    }
}
