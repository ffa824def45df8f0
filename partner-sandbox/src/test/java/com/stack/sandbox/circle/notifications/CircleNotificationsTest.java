package com.stack.sandbox.circle.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.contracts.chains.Base58;
import com.stack.sandbox.CallbackReceiver.Received;
import com.stack.sandbox.EntitySecretCiphertexts;
import com.stack.sandbox.circle.CircleWebhookTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Circle's webhook notifications driven by the simulated chain, received by a Reactor Netty server of
 * the test's own and checked the way funding-service checks them: the signature over the raw bytes
 * with the key fetched by the id in {@code X-Circle-Key-Id}.
 */
class CircleNotificationsTest extends CircleWebhookTest {

    EntitySecretCiphertexts ciphertexts;

    @BeforeEach
    void entityKey() {
        ciphertexts = new EntitySecretCiphertexts((String) data(circle().get()
                        .uri("/v1/w3s/config/entity/publicKey")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .get("publicKey"));
    }

    @Test
    void aTransferToACreatedWalletIsNotifiedConfirmedThenCompleteSignedByTheServedKey() {
        String subscriptionId = subscribe("inbound");
        Map<String, Object> wallet = newWallet("ETH-SEPOLIA");

        Map<String, Object> transfer = transfer(Map.of("address", wallet.get("address"), "amount", "125.000000"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(transfer)
                .containsEntry("walletId", wallet.get("id"))
                .containsEntry("blockchain", "ETH-SEPOLIA")
                .containsEntry("amount", "125.000000");
        assertThat((String) transfer.get("txHash")).matches("0x[0-9a-f]{64}");

        List<Received> posts = receiver.awaitPosts("inbound", 2);
        assertThat(posts).hasSize(2);
        Map<String, Object> confirmed = verified(posts.get(0));
        Map<String, Object> complete = verified(posts.get(1));
        for (Map<String, Object> body : List.of(confirmed, complete)) {
            assertThat(body)
                    .containsEntry("subscriptionId", subscriptionId)
                    .containsEntry("notificationType", "transactions.inbound")
                    .containsEntry("version", 2);
            assertThat(Instant.parse((String) body.get("timestamp"))).isNotNull();
            assertThat(UUID.fromString((String) body.get("notificationId"))).isNotNull();
            Map<String, Object> notification = object(body, "notification");
            assertThat(notification)
                    .containsEntry("id", transfer.get("id"))
                    .containsEntry("blockchain", "ETH-SEPOLIA")
                    .containsEntry("tokenId", "5797fbd6-3795-519d-84ca-ec4c5f80c3b1")
                    .containsEntry("walletId", wallet.get("id"))
                    .containsEntry("destinationAddress", wallet.get("address"))
                    .containsEntry("amounts", List.of("125.000000"))
                    .containsEntry("txHash", transfer.get("txHash"))
                    .containsEntry("transactionType", "INBOUND")
                    .containsKeys("createDate", "updateDate");
        }
        assertThat(object(confirmed, "notification")).containsEntry("state", "CONFIRMED");
        assertThat(object(complete, "notification")).containsEntry("state", "COMPLETE");
        assertThat(confirmed.get("notificationId")).isNotEqualTo(complete.get("notificationId"));
        assertThat(posts.get(0).header("Content-Type")).startsWith("application/json");

        List<Map<String, Object>> deliveries = deliveries((String) transfer.get("id"), 2);
        assertThat(deliveries)
                .extracting(d -> d.get("state"), d -> d.get("attempt"), d -> d.get("status"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("CONFIRMED", 1, 200),
                        org.assertj.core.groups.Tuple.tuple("COMPLETE", 1, 200));
        assertThat(deliveries.get(0))
                .containsEntry("notificationId", confirmed.get("notificationId"))
                .containsEntry("subscriptionId", subscriptionId)
                .doesNotContainKeys("dropped", "faults", "error");
    }

    @Test
    void aSolanaTransferCarriesABase58SignatureAsItsHashAndTheGivenStates() {
        subscribe("solana");
        Map<String, Object> wallet = newWallet("SOL-DEVNET");

        Map<String, Object> transfer = transfer(
                        Map.of("address", wallet.get("address"), "amount", "0.5", "states", List.of("SENT", "FAILED")))
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();

        assertThat(Base58.decode((String) transfer.get("txHash"))).hasSize(64);
        List<Received> posts = receiver.awaitPosts("solana", 2);
        assertThat(posts)
                .extracting(post -> object(verified(post), "notification").get("state"))
                .containsExactly("SENT", "FAILED");
        assertThat(object(verified(posts.get(0)), "notification"))
                .containsEntry("amounts", List.of("0.5"))
                .containsEntry("tokenId", "8fb3cadb-0ef4-573d-8fcd-e194f961c728");
    }

    @Test
    void aGivenTxHashIsUsedAsIs() {
        Map<String, Object> wallet = newWallet("ETH");
        String txHash = "0x" + "ab".repeat(32);
        transfer(Map.of("address", ((String) wallet.get("address")).toLowerCase(), "amount", "1", "txHash", txHash))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.txHash")
                .isEqualTo(txHash)
                .jsonPath("$.walletId")
                .isEqualTo(wallet.get("id"));
    }

    @Test
    void aRefusedNotificationIsRetriedWithTheSameBytesSignatureAndNotificationId() {
        subscribe("retry");
        receiver.answer("retry", 500);
        Map<String, Object> wallet = newWallet("ETH-SEPOLIA");
        String transferId = (String) transfer(Map.of("address", wallet.get("address"), "amount", "10.000000"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");

        List<Received> posts = receiver.awaitPosts("retry", 3);
        assertThat(posts.get(1).body()).isEqualTo(posts.get(0).body());
        assertThat(posts.get(1).header("X-Circle-Signature"))
                .isEqualTo(posts.get(0).header("X-Circle-Signature"));
        assertThat(posts.get(1).header("X-Circle-Key-Id"))
                .isEqualTo(posts.get(0).header("X-Circle-Key-Id"));
        assertThat(verified(posts.get(1)))
                .containsEntry("notificationId", verified(posts.get(0)).get("notificationId"));
        assertThat(object(verified(posts.get(2)), "notification")).containsEntry("state", "COMPLETE");

        assertThat(deliveries(transferId, 3))
                .extracting(d -> d.get("state") + "#" + d.get("attempt") + ":" + d.get("status"))
                .containsExactly("CONFIRMED#1:500", "CONFIRMED#2:200", "COMPLETE#1:200");
    }

    @Test
    void theNotificationKeyIsServedAsP256AndAnUnknownIdIsNotFound() {
        subscribe("key");
        Map<String, Object> wallet = newWallet("ETH-SEPOLIA");
        transfer(Map.of("address", wallet.get("address"), "amount", "2"))
                .expectStatus()
                .isCreated();
        String keyId = receiver.awaitPosts("key", 1).get(0).header("X-Circle-Key-Id");

        Map<String, Object> key = data(circle().get()
                .uri("/v2/notifications/publicKey/{id}", keyId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody());
        assertThat(key).containsEntry("id", keyId).containsEntry("algorithm", "ECDSA_SHA_256");
        assertThat(Instant.parse((String) key.get("createDate"))).isNotNull();
        assertThat(((ECPublicKey) publicKey(keyId))
                        .getParams()
                        .getCurve()
                        .getField()
                        .getFieldSize())
                .isEqualTo(256);

        circle().get()
                .uri("/v2/notifications/publicKey/{id}", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(404)
                .jsonPath("$.message")
                .isNotEmpty();
        anonymous()
                .get()
                .uri("/circle/v2/notifications/publicKey/{id}", keyId)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(401);
    }

    @Test
    void anEndpointIsSubscribedOnlyWhenItAnswersHead() {
        receiver.answer("refuses-head", 404);
        subscribeRequest(receiver.url("refuses-head"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(2)
                .jsonPath("$.errors[0].location")
                .isEqualTo("endpoint");
        assertThat(receiver.requests("refuses-head"))
                .extracting(Received::method)
                .containsExactly("HEAD");
        subscribeRequest("http://127.0.0.1:1/nobody").expectStatus().isBadRequest();
        subscribeRequest("ftp://example.com/x")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].location")
                .isEqualTo("endpoint");
        circle().post()
                .uri("/v2/notifications/subscriptions")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].error")
                .isEqualTo("required");
        assertThat(subscriptions()).isEmpty();

        Map<String, Object> subscription = data(subscribeRequest(receiver.url("answers-head"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody());
        assertThat(subscription)
                .containsEntry("endpoint", receiver.url("answers-head"))
                .containsEntry("enabled", true)
                .containsEntry("notificationTypes", List.of("*"));
        assertThat(Instant.parse((String) subscription.get("createDate"))).isNotNull();
        assertThat(subscriptions()).containsExactly(subscription);

        circle().delete()
                .uri("/v2/notifications/subscriptions/{id}", subscription.get("id"))
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(subscriptions()).isEmpty();
        circle().delete()
                .uri("/v2/notifications/subscriptions/{id}", subscription.get("id"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void aTransferToAnUnknownAddressIsNotFound() {
        transfer(Map.of("address", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "amount", "1"))
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("not_found");
        control()
                .get()
                .uri("/chain/transfers/{id}/deliveries", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "0", "0.000", "1e3", "", " 1", "1.", "12,5"})
    void anAmountMustBeAPositiveDecimalString(String amount) {
        Map<String, Object> wallet = newWallet("ETH-SEPOLIA");
        transfer(Map.of("address", wallet.get("address"), "amount", amount))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_request")
                .jsonPath("$.field")
                .isEqualTo("amount");
    }

    @Test
    void anAmountBeyondUsdcPrecisionIsSentAsGivenForTheReceiverToRefuse() {
        subscribe("precise");
        Map<String, Object> wallet = newWallet("ETH-SEPOLIA");
        transfer(Map.of("address", wallet.get("address"), "amount", "1.1234567"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.amount")
                .isEqualTo("1.1234567");
        assertThat(object(verified(receiver.awaitPosts("precise", 1).get(0)), "notification"))
                .containsEntry("amounts", List.of("1.1234567"));
    }

    @Test
    void unknownStatesAndMalformedHashesAreRefused() {
        Map<String, Object> wallet = newWallet("ETH-SEPOLIA");
        transfer(Map.of("address", wallet.get("address"), "amount", "1", "states", List.of("MINED")))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("states");
        transfer(Map.of("address", wallet.get("address"), "amount", "1", "states", List.of()))
                .expectStatus()
                .isBadRequest();
        transfer(Map.of("address", wallet.get("address"), "amount", "1", "txHash", "0x 12"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("txHash");
        transfer(Map.of("amount", "1"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("address");
    }

    @Test
    void aDuplicateFaultDeliversTheSameNotificationTwice() {
        subscribe("duplicate");
        deliveryFault("duplicate")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.delivery")
                .isEqualTo("transactions.inbound")
                .jsonPath("$.kind")
                .isEqualTo("duplicate")
                .jsonPath("$.remaining")
                .isEqualTo(1);
        Map<String, Object> wallet = newWallet("ETH-SEPOLIA");
        String transferId = (String) transfer(Map.of("address", wallet.get("address"), "amount", "3"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");

        List<Received> posts = receiver.awaitPosts("duplicate", 3);
        assertThat(posts.get(1).body()).isEqualTo(posts.get(0).body());
        assertThat(posts.get(1).header("X-Circle-Signature"))
                .isEqualTo(posts.get(0).header("X-Circle-Signature"));
        assertThat(object(verified(posts.get(0)), "notification")).containsEntry("state", "CONFIRMED");
        assertThat(object(verified(posts.get(2)), "notification")).containsEntry("state", "COMPLETE");
        List<Map<String, Object>> deliveries = deliveries(transferId, 3);
        assertThat(deliveries.get(1))
                .containsEntry("faults", List.of("duplicate"))
                .containsEntry("notificationId", deliveries.get(0).get("notificationId"));
        assertThat(deliveries.get(2)).doesNotContainKey("faults");
    }

    @Test
    void aDropFaultNeverDeliversTheNotificationAndRecordsItAsDropped() {
        subscribe("drop");
        deliveryFault("drop").expectStatus().isCreated();
        Map<String, Object> wallet = newWallet("ETH-SEPOLIA");
        String transferId = (String) transfer(Map.of("address", wallet.get("address"), "amount", "4"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");

        // the states go out one after the other: once COMPLETE arrived, CONFIRMED had its turn
        List<Map<String, Object>> deliveries = deliveries(transferId, 2);
        assertThat(receiver.posts("drop"))
                .extracting(post -> object(verified(post), "notification").get("state"))
                .containsExactly("COMPLETE");
        assertThat(deliveries.get(0))
                .containsEntry("state", "CONFIRMED")
                .containsEntry("dropped", true)
                .containsEntry("faults", List.of("drop"))
                .doesNotContainKeys("attempt", "status");
        assertThat(deliveries.get(1)).containsEntry("state", "COMPLETE").containsEntry("status", 200);
    }

    @Test
    void aReorderFaultDeliversATransfersStatesInReverse() {
        subscribe("reorder");
        deliveryFault("reorder").expectStatus().isCreated();
        Map<String, Object> wallet = newWallet("SOL-DEVNET");
        transfer(Map.of("address", wallet.get("address"), "amount", "5"))
                .expectStatus()
                .isCreated();

        assertThat(receiver.awaitPosts("reorder", 2))
                .extracting(post -> object(verified(post), "notification").get("state"))
                .containsExactly("COMPLETE", "CONFIRMED");
        // the fault was used up by that transfer: the next one is in order
        transfer(Map.of("address", wallet.get("address"), "amount", "6"))
                .expectStatus()
                .isCreated();
        assertThat(receiver.awaitPosts("reorder", 4).subList(2, 4))
                .extracting(post -> object(verified(post), "notification").get("state"))
                .containsExactly("CONFIRMED", "COMPLETE");
    }

    @Test
    void aDeliveryFaultNeedsAKnownKindAndNoRequestEffect() {
        control()
                .post()
                .uri("/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("partner", "circle", "delivery", "transactions.inbound", "kind", "explode"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("kind");
        control()
                .post()
                .uri("/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                        Map.of("partner", "circle", "delivery", "transactions.inbound", "kind", "drop", "status", 503))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("delivery");
        control()
                .post()
                .uri("/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("partner", "circle", "kind", "drop"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("delivery");

        // a delivery fault leaves the partner's API alone
        deliveryFault("drop").expectStatus().isCreated();
        circle().get()
                .uri("/v2/notifications/subscriptions")
                .exchange()
                .expectStatus()
                .isOk();
        control()
                .get()
                .uri("/faults")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.faults[0].hits")
                .isEqualTo(0);
    }

    // --- helpers ---

    WebTestClient.ResponseSpec deliveryFault(String kind) {
        return deliveryFault("transactions.inbound", kind);
    }

    WebTestClient.ResponseSpec transfer(Map<String, Object> body) {
        return control()
                .post()
                .uri("/chain/transfers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    /** Waits until the transfer's deliveries list holds at least {@code count} entries. */
    List<Map<String, Object>> deliveries(String transferId, int count) {
        return deliveries("/chain/transfers/{id}/deliveries", transferId, count);
    }

    /** A wallet of a new wallet set on {@code blockchain}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> newWallet(String blockchain) {
        Map<String, Object> walletSet = (Map<String, Object>) data(circle().post()
                        .uri("/v1/w3s/developer/walletSets")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of(
                                "idempotencyKey",
                                UUID.randomUUID().toString(),
                                "entitySecretCiphertext",
                                ciphertext(),
                                "name",
                                "n"))
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .get("walletSet");
        List<Map<String, Object>> wallets = (List<Map<String, Object>>) data(circle().post()
                        .uri("/v1/w3s/developer/wallets")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of(
                                "idempotencyKey",
                                UUID.randomUUID().toString(),
                                "entitySecretCiphertext",
                                ciphertext(),
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

    String ciphertext() {
        return ciphertexts.encrypt(ENTITY_SECRET_HEX);
    }
}
