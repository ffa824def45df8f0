package com.stack.sandbox.due;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.stack.sandbox.CallbackReceiver;
import com.stack.sandbox.CallbackReceiver.Received;
import com.stack.sandbox.SandboxIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Due's ramps as funding-service calls them: quote, transfer, and the signed {@code transfer.status_changed}
 * webhooks, received by a Reactor Netty server of the test's own and verified the way a receiver must:
 * Ed25519 over the raw body with the endpoint's public key. Transfers of other tests may settle while a
 * test runs: webhooks are picked by transfer id. Each test leaves no endpoint, fault or flag behind.
 */
class DueTransfersTest extends SandboxIntegrationTest {

    static final String API_KEY = "dk_local_sandbox_key";
    static final String ACCOUNT_ID = "acct_stack_local";
    static final String FIRM = "rcp_stack_broker_firm";
    static final String ETH_ADDRESS = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static CallbackReceiver receiver;
    final Map<String, PublicKey> keys = new HashMap<>();

    @BeforeAll
    static void startReceiver() {
        receiver = new CallbackReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @AfterEach
    @SuppressWarnings("unchecked")
    void removeEndpointsFaultsAndFlags() {
        for (Map<String, Object> endpoint : (List<Map<String, Object>>) due().get()
                .uri("/v1/webhook_endpoints")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("data")) {
            due().delete()
                    .uri("/v1/webhook_endpoints/{id}", endpoint.get("id"))
                    .exchange()
                    .expectStatus()
                    .isNoContent();
        }
        control().delete().uri("/faults").exchange().expectStatus().isNoContent();
        control()
                .post()
                .uri("/due/transfers/fail-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 0))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void anOffRampIsPendingThenProcessingThenCompletedWithWebhooksSignedByTheEndpointsKey() {
        Map<String, Object> endpoint = endpoint("off-ramp");
        assertThat((String) endpoint.get("id")).startsWith("we_");
        assertThat(endpoint)
                .containsEntry("url", receiver.url("off-ramp"))
                .containsEntry("events", List.of("transfer.status_changed"));
        assertThat((String) endpoint.get("publicKey"))
                .startsWith("-----BEGIN PUBLIC KEY-----\n")
                .endsWith("\n-----END PUBLIC KEY-----\n");

        Map<String, Object> quote = quote(offRamp("125.000000"))
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat((String) quote.get("token")).startsWith("qt_");
        assertThat(quote)
                .containsEntry("source", Map.of("rail", "ethereum", "currency", "USDC", "amount", "125.000000"))
                .containsEntry("destination", Map.of("rail", "ach", "currency", "USD", "amount", "125.00"))
                .containsEntry("fxRate", "1")
                .containsEntry("fees", "0.00");
        assertThat(Duration.between(Instant.now(), Instant.parse((String) quote.get("expiresAt"))))
                .isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121));

        Map<String, Object> created = transfer(
                        UUID.randomUUID().toString(),
                        Map.of("quote", quote.get("token"), "recipient", FIRM, "memo", "deposit d-1"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        String id = (String) created.get("id");
        assertThat(id).startsWith("tf_");
        assertThat(created)
                .containsEntry("status", "pending")
                .containsEntry("recipient", FIRM)
                .containsEntry("memo", "deposit d-1")
                .containsEntry("source", quote.get("source"))
                .containsEntry("destination", quote.get("destination"))
                .doesNotContainKey("failureReason");
        assertThat(created.get("createdAt")).isEqualTo(created.get("updatedAt"));

        List<Received> posts = webhooks("off-ramp", id, 2);
        Map<String, Object> processing = verified(posts.get(0));
        Map<String, Object> completed = verified(posts.get(1));
        assertThat(processing)
                .containsEntry("type", "transfer.status_changed")
                .containsEntry("data", Map.of("id", id, "status", "processing", "previousStatus", "pending"));
        assertThat(completed)
                .containsEntry("data", Map.of("id", id, "status", "completed", "previousStatus", "processing"));
        assertThat((String) processing.get("id")).startsWith("wh_evt_").isNotEqualTo(completed.get("id"));
        assertThat(Instant.parse((String) completed.get("attemptedAt")))
                .isAfterOrEqualTo(Instant.parse((String) completed.get("occurredAt")));
        assertThat(posts.get(0).header("Content-Type")).startsWith("application/json");

        due().get()
                .uri("/v1/transfers/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("completed")
                .jsonPath("$.updatedAt")
                .isEqualTo(completed.get("occurredAt"));
        assertThat(deliveries(id, 2))
                .extracting(d -> d.get("transferStatus") + "#" + d.get("attempt") + ":" + d.get("status"))
                .containsExactly("processing#1:200", "completed#1:200");
        control()
                .get()
                .uri("/due/transfers?recipient={r}&status=completed", FIRM)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.transfers[?(@.id == '" + id + "')].status")
                .isEqualTo(List.of("completed"));
    }

    @Test
    void theSameKeyAndBodyIsTheSameTransferAndADifferentBodyIsAConflict() {
        String token = token(offRamp("10.000000"));
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("quote", token, "recipient", FIRM);
        String id = (String) transfer(key, body)
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");

        transfer(key, body).expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(id);
        // a retry after a lost answer comes with a fresh quote (the first was used): still the same transfer
        transfer(key, Map.of("quote", token(offRamp("10.000000")), "recipient", FIRM))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(id);
        transfer(key, Map.of("quote", token, "recipient", FIRM, "memo", "other"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("idempotency_conflict")
                .jsonPath("$.error.message")
                .isNotEmpty();

        awaitStatus(id, "completed");
        transfer(key, body)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(id)
                .jsonPath("$.status")
                .isEqualTo("completed");
        control()
                .get()
                .uri("/due/transfers")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.transfers[?(@.quote == '" + token + "')].id")
                .isEqualTo(List.of(id));
    }

    @Test
    void aQuoteIsGoodForOneTransferBeforeItExpires() {
        String used = token(offRamp("1.000000"));
        transfer(UUID.randomUUID().toString(), Map.of("quote", used, "recipient", FIRM))
                .expectStatus()
                .isCreated();
        transfer(UUID.randomUUID().toString(), Map.of("quote", used, "recipient", FIRM))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("quote_used");

        String expired = token(offRamp("2.000000"));
        control()
                .post()
                .uri("/due/quotes/{token}/expire", expired)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.token")
                .isEqualTo(expired);
        String key = UUID.randomUUID().toString();
        transfer(key, Map.of("quote", expired, "recipient", FIRM))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("quote_expired")
                .jsonPath("$.error.field")
                .isEqualTo("quote");

        transfer(UUID.randomUUID().toString(), Map.of("quote", "qt_unknown", "recipient", FIRM))
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("not_found");
        // a refused request leaves its key free
        transfer(key, Map.of("quote", token(offRamp("2.000000")), "recipient", FIRM))
                .expectStatus()
                .isCreated();
        // an unknown recipient leaves the quote unused
        String quote = token(offRamp("3.000000"));
        transfer(UUID.randomUUID().toString(), Map.of("quote", quote, "recipient", "rcp_unknown"))
                .expectStatus()
                .isNotFound();
        transfer(UUID.randomUUID().toString(), Map.of("quote", quote, "recipient", FIRM))
                .expectStatus()
                .isCreated();
    }

    @Test
    void failNextMakesATransferFailWithItsReasonAndAFailingRecipientFailsEveryTransferToIt() {
        endpoint("failed");
        control()
                .post()
                .uri("/due/transfers/fail-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 1, "failureReason", "account_closed"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.remaining")
                .isEqualTo(1)
                .jsonPath("$.failureReason")
                .isEqualTo("account_closed");
        String failed = newTransfer(FIRM);
        String next = newTransfer(FIRM);

        List<Received> posts = webhooks("failed", failed, 2);
        assertThat(verified(posts.get(1)))
                .containsEntry(
                        "data",
                        Map.of(
                                "id",
                                failed,
                                "status",
                                "failed",
                                "previousStatus",
                                "processing",
                                "failureReason",
                                "account_closed"));
        due().get()
                .uri("/v1/transfers/{id}", failed)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("failed")
                .jsonPath("$.failureReason")
                .isEqualTo("account_closed");
        awaitStatus(next, "completed");

        String recipient = (String) due().post()
                .uri("/v1/recipients")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name",
                        "Closed Bank",
                        "details",
                        Map.of("schema", "bank_us", "accountNumber", "123456789", "routingNumber", "021000021")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        assertThat(recipient).startsWith("rcp_");
        control()
                .put()
                .uri("/due/recipients/{id}/failing", recipient)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.failureReason")
                .isEqualTo("recipient_bank_rejected");
        String toFailing = newTransfer(recipient);
        awaitStatus(toFailing, "failed");
        control()
                .delete()
                .uri("/due/recipients/{id}/failing", recipient)
                .exchange()
                .expectStatus()
                .isNoContent();
        awaitStatus(newTransfer(recipient), "completed");
        control()
                .put()
                .uri("/due/recipients/rcp_unknown/failing")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void anOnRampPaysAWalletAddressOnTheQuotesChain() {
        Map<String, Object> quote = quote(Map.of(
                        "source",
                        Map.of("rail", "wire", "currency", "USD", "amount", "50"),
                        "destination",
                        Map.of("rail", "ethereum", "currency", "USDC")))
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(quote)
                .containsEntry("destination", Map.of("rail", "ethereum", "currency", "USDC", "amount", "50.000000"))
                .containsEntry("source", Map.of("rail", "wire", "currency", "USD", "amount", "50.00"));

        transfer(UUID.randomUUID().toString(), Map.of("quote", quote.get("token"), "recipient", FIRM))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.field")
                .isEqualTo("recipient");
        transfer(UUID.randomUUID().toString(), Map.of("quote", quote.get("token"), "destinationAddress", "0x123"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.field")
                .isEqualTo("destinationAddress");
        String id = (String) transfer(
                        UUID.randomUUID().toString(),
                        Map.of("quote", quote.get("token"), "destinationAddress", ETH_ADDRESS))
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        awaitStatus(id, "completed");
        due().get()
                .uri("/v1/transfers/{id}", id)
                .exchange()
                .expectBody()
                .jsonPath("$.destinationAddress")
                .isEqualTo(ETH_ADDRESS);
    }

    @Test
    void aCompletedOnRampCreditsTheSandboxWalletAtItsAddressAndAFailedOneDoesNot() {
        Map<String, Object> ethereum = newWallet("ETH-SEPOLIA", entityCiphertexts());
        Map<String, Object> solana = newWallet("SOL-DEVNET", entityCiphertexts());

        // an Ethereum address in another letter case is the same wallet
        String toEthereum = onRamp("ethereum", "25.50", ((String) ethereum.get("address")).toLowerCase(Locale.ROOT));
        String toSolana = onRamp("solana", "7.25", (String) solana.get("address"));
        assertThat(usdcBalance(ethereum.get("id"))).isEqualTo("0");
        awaitStatus(toEthereum, "completed");
        awaitStatus(toSolana, "completed");
        assertThat(usdcBalance(ethereum.get("id"))).isEqualTo("25.5");
        assertThat(usdcBalance(solana.get("id"))).isEqualTo("7.25");

        control()
                .post()
                .uri("/due/transfers/fail-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 1))
                .exchange()
                .expectStatus()
                .isOk();
        String failed = onRamp("ethereum", "3.00", (String) ethereum.get("address"));
        awaitStatus(failed, "failed");
        assertThat(usdcBalance(ethereum.get("id"))).isEqualTo("25.5");
    }

    @Test
    void invalidQuotesAreRefusedNamingTheField() {
        Map<String, String> usd = Map.of("rail", "ach", "currency", "USD");
        quote(Map.of(
                        "source",
                        Map.of("rail", "ethereum", "currency", "USDC", "amount", "1.0000001"),
                        "destination",
                        usd))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("invalid_request")
                .jsonPath("$.error.field")
                .isEqualTo("source.amount");
        quote(Map.of("source", Map.of("rail", "ethereum", "currency", "USD", "amount", "1"), "destination", usd))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.field")
                .isEqualTo("source.currency");
        quote(Map.of("source", Map.of("rail", "ach", "currency", "USD", "amount", "1"), "destination", usd))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.field")
                .isEqualTo("destination.rail");
        quote(Map.of("source", Map.of("rail", "bitcoin", "currency", "BTC", "amount", "1"), "destination", usd))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.field")
                .isEqualTo("source.rail");
        quote(Map.of("source", Map.of("rail", "solana", "currency", "USDC"), "destination", usd))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.field")
                .isEqualTo("source.amount");
        quote(Map.of(
                        "source",
                        Map.of("rail", "solana", "currency", "USDC", "amount", "2"),
                        "destination",
                        Map.of("rail", "ach", "currency", "USD", "amount", "1.00")))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.field")
                .isEqualTo("destination.amount");
        due().post()
                .uri("/v1/transfers/quote")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("invalid_request");
    }

    @Test
    void requestsNeedTheApiKeyAndTheAccountId() {
        anonymous()
                .post()
                .uri("/due/v1/transfers/quote")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(offRamp("1"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("unauthorized");
        client(baseUrl() + "/due")
                .defaultHeader("Authorization", "Bearer " + API_KEY)
                .build()
                .get()
                .uri("/v1/transfers/tf_x")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error.message")
                .value(message -> assertThat((String) message).contains("Due-Account-Id"));
        client(baseUrl() + "/due")
                .defaultHeader("Authorization", "Bearer " + API_KEY)
                .defaultHeader("Due-Account-Id", "acct_other")
                .build()
                .get()
                .uri("/v1/transfers/tf_x")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        due().get()
                .uri("/v1/transfers/tf_unknown")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("not_found");
    }

    @Test
    void aRefusedWebhookIsRetriedWithTheSameEventIdANewAttemptedAtAndAFreshSignature() {
        endpoint("retry");
        receiver.answer("retry", 500);
        String id = newTransfer(FIRM);

        List<Received> posts = webhooks("retry", id, 3);
        Map<String, Object> first = verified(posts.get(0));
        Map<String, Object> second = verified(posts.get(1));
        assertThat(second.get("id")).isEqualTo(first.get("id"));
        assertThat(second.get("occurredAt")).isEqualTo(first.get("occurredAt"));
        assertThat(Instant.parse((String) second.get("attemptedAt")))
                .isAfter(Instant.parse((String) first.get("attemptedAt")));
        assertThat(posts.get(1).header("X-Webhook-Signature"))
                .isNotEqualTo(posts.get(0).header("X-Webhook-Signature"));
        assertThat(deliveries(id, 3))
                .extracting(d -> d.get("transferStatus") + "#" + d.get("attempt") + ":" + d.get("status"))
                .containsExactly("processing#1:500", "processing#2:200", "completed#1:200");
    }

    @Test
    void deliveryFaultsDuplicateDropAndReorderTheWebhooks() {
        endpoint("faults");
        deliveryFault("duplicate");
        String duplicated = newTransfer(FIRM);
        List<Received> copies = webhooks("faults", duplicated, 3);
        assertThat(verified(copies.get(1)).get("id"))
                .isEqualTo(verified(copies.get(0)).get("id"));
        assertThat(deliveries(duplicated, 3).get(1)).containsEntry("faults", List.of("duplicate"));

        deliveryFault("drop");
        String dropped = newTransfer(FIRM);
        awaitStatus(dropped, "completed");
        assertThat(deliveries(dropped, 2).get(0))
                .containsEntry("dropped", true)
                .containsEntry("transferStatus", "processing")
                .containsEntry("faults", List.of("drop"))
                .doesNotContainKey("attempt");
        assertThat(webhooks("faults", dropped, 1))
                .extracting(post -> data(verified(post)).get("status"))
                .containsExactly("completed");

        deliveryFault("reorder");
        String reordered = newTransfer(FIRM);
        assertThat(webhooks("faults", reordered, 2))
                .extracting(post -> data(verified(post)).get("status"))
                .containsExactly("completed", "processing");
    }

    @Test
    void aRequestFaultAnswersInDuesErrorFormatWithoutATransfer() {
        control()
                .post()
                .uri("/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "partner", "due", "method", "POST", "pathPattern", "/v1/transfers", "status", 503, "count", 1))
                .exchange()
                .expectStatus()
                .isCreated();
        String token = token(offRamp("4.000000"));
        String key = UUID.randomUUID().toString();

        transfer(key, Map.of("quote", token, "recipient", FIRM))
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("service_unavailable");
        transfer(key, Map.of("quote", token, "recipient", FIRM)).expectStatus().isCreated();
    }

    // --- helpers ---

    WebTestClient due() {
        return client(baseUrl() + "/due")
                .defaultHeader("Authorization", "Bearer " + API_KEY)
                .defaultHeader("Due-Account-Id", ACCOUNT_ID)
                .build();
    }

    Map<String, Object> endpoint(String name) {
        Map<String, Object> endpoint = due().post()
                .uri("/v1/webhook_endpoints")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", receiver.url(name)))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        keys.put(receiver.url(name), publicKey((String) endpoint.get("publicKey")));
        return endpoint;
    }

    static Map<String, Object> offRamp(String amount) {
        return Map.of(
                "source",
                Map.of("rail", "ethereum", "currency", "USDC", "amount", amount),
                "destination",
                Map.of("rail", "ach", "currency", "USD"));
    }

    WebTestClient.ResponseSpec quote(Map<String, Object> body) {
        return due().post()
                .uri("/v1/transfers/quote")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    String token(Map<String, Object> quote) {
        return (String) quote(quote)
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("token");
    }

    WebTestClient.ResponseSpec transfer(String idempotencyKey, Map<String, Object> body) {
        return due().post()
                .uri("/v1/transfers")
                .header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    /** An on-ramp of {@code usd} from the bank to {@code address} on {@code rail}; its id. */
    String onRamp(String rail, String usd, String address) {
        String token = token(Map.of(
                "source",
                Map.of("rail", "ach", "currency", "USD", "amount", usd),
                "destination",
                Map.of("rail", rail, "currency", "USDC")));
        return (String) transfer(UUID.randomUUID().toString(), Map.of("quote", token, "destinationAddress", address))
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    String newTransfer(String recipient) {
        return (String) transfer(
                        UUID.randomUUID().toString(),
                        Map.of("quote", token(offRamp("5.000000")), "recipient", recipient))
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    void awaitStatus(String id, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> status.equals(due().get()
                        .uri("/v1/transfers/{id}", id)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody()
                        .get("status")));
    }

    void deliveryFault(String kind) {
        control()
                .post()
                .uri("/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("partner", "due", "delivery", "transfer.status_changed", "kind", kind, "count", 1))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    /** Waits until at least {@code count} webhooks of the transfer reached {@code name}; returns them all, in arrival order. */
    List<Received> webhooks(String name, String transferId, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> webhooksOf(name, transferId).size() >= count);
        return webhooksOf(name, transferId);
    }

    List<Received> webhooksOf(String name, String transferId) {
        return receiver.posts(name).stream()
                .filter(post -> Objects.equals(data(verified(post)).get("id"), transferId))
                .toList();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> deliveries(String transferId, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> ((List<?>) control()
                                        .get()
                                        .uri("/due/transfers/{id}/deliveries", transferId)
                                        .exchange()
                                        .expectBody(JSON_OBJECT)
                                        .returnResult()
                                        .getResponseBody()
                                        .get("deliveries"))
                                .size()
                        >= count);
        return (List<Map<String, Object>>) control()
                .get()
                .uri("/due/transfers/{id}/deliveries", transferId)
                .exchange()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("deliveries");
    }

    /** The body, after checking X-Webhook-Signature (hex Ed25519) over the raw bytes with the endpoint's public key. */
    @SuppressWarnings("unchecked")
    Map<String, Object> verified(Received post) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(keys.get(receiver.url(post.path().substring("/callbacks/".length()))));
            verifier.update(post.body());
            assertThat(verifier.verify(HexFormat.of().parseHex(post.header("X-Webhook-Signature"))))
                    .as("X-Webhook-Signature verifies over the raw body")
                    .isTrue();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        return JSON.readValue(post.body(), Map.class);
    }

    static PublicKey publicKey(String pem) {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> body) {
        return (Map<String, Object>) body.get("data");
    }
}
