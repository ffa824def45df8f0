package com.stack.sandbox.circle.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.stack.sandbox.CallbackReceiver.Received;
import com.stack.sandbox.EntitySecretCiphertexts;
import com.stack.sandbox.circle.CircleWebhookTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * Outbound USDC transfers of the developer-controlled wallets, the last leg of a withdrawal, as the
 * wallet service sends them and funding-service reads their {@code transactions.outbound}
 * notifications. Each test works on wallets of its own; notifications are picked by transaction id.
 */
class CircleWalletTransactionsTest extends CircleWebhookTest {

    static final String ETH_SEPOLIA_USDC = "5797fbd6-3795-519d-84ca-ec4c5f80c3b1";
    static final String SOL_DEVNET_USDC = "8fb3cadb-0ef4-573d-8fcd-e194f961c728";

    EntitySecretCiphertexts ciphertexts;

    @BeforeEach
    void entityKey() {
        ciphertexts = entityCiphertexts();
    }

    @AfterEach
    void clearFailNext() {
        control()
                .post()
                .uri("/circle/transactions/fail-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 0))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aTransferGoesFromInitiatedToCompleteWithItsHashAndOneSignedNotificationPerState() {
        String subscriptionId = subscribe("outbound");
        Map<String, Object> wallet = fundedWallet("ETH-SEPOLIA", "50");
        String destination = ethereumAddress();

        Map<String, Object> accepted =
                data(send(transfer(wallet, destination, "10.500000", ETH_SEPOLIA_USDC, "withdrawal-1"))
                        .expectStatus()
                        .isCreated()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody());
        String id = (String) accepted.get("id");
        assertThat(accepted).containsOnlyKeys("id", "state").containsEntry("state", "INITIATED");

        List<Received> posts = notifications("outbound", id, 5);
        assertThat(posts).hasSize(5);
        List<Map<String, Object>> states = new ArrayList<>();
        for (Received post : posts) {
            Map<String, Object> body = verified(post);
            assertThat(body)
                    .containsEntry("subscriptionId", subscriptionId)
                    .containsEntry("notificationType", "transactions.outbound")
                    .containsEntry("version", 2);
            Map<String, Object> notification = object(body, "notification");
            assertThat(notification)
                    .containsEntry("id", id)
                    .containsEntry("transactionType", "OUTBOUND")
                    .containsEntry("blockchain", "ETH-SEPOLIA")
                    .containsEntry("tokenId", ETH_SEPOLIA_USDC)
                    .containsEntry("walletId", wallet.get("id"))
                    .containsEntry("sourceAddress", wallet.get("address"))
                    .containsEntry("destinationAddress", destination)
                    .containsEntry("amounts", List.of("10.5"))
                    .containsEntry("refId", "withdrawal-1")
                    .containsKeys("createDate", "updateDate")
                    .doesNotContainKey("errorReason");
            states.add(notification);
        }
        assertThat(states)
                .extracting(state -> state.get("state"))
                .containsExactly("INITIATED", "QUEUED", "SENT", "CONFIRMED", "COMPLETE");
        assertThat(states.get(0)).doesNotContainKey("txHash");
        assertThat(states.get(1)).doesNotContainKey("txHash");
        String txHash = (String) states.get(2).get("txHash");
        assertThat(txHash).matches("0x[0-9a-f]{64}");
        assertThat(states.subList(2, 5)).allSatisfy(state -> assertThat(state).containsEntry("txHash", txHash));

        Map<String, Object> read = transaction(id);
        assertThat(read)
                .containsEntry("state", "COMPLETE")
                .containsEntry("txHash", txHash)
                .containsEntry("feeLevel", "MEDIUM")
                .containsEntry("updateDate", states.get(4).get("updateDate"));
        assertThat(usdcBalance(wallet.get("id"))).isEqualTo("39.5");
        assertThat(deliveries("/circle/transactions/{id}/deliveries", id, 5))
                .extracting(delivery -> delivery.get("state") + ":" + delivery.get("status"))
                .containsExactly("INITIATED:200", "QUEUED:200", "SENT:200", "CONFIRMED:200", "COMPLETE:200");
    }

    @Test
    void theCiphertextIsRequiredCheckedAndSingleUse() {
        Map<String, Object> wallet = fundedWallet("ETH-SEPOLIA", "5");
        Map<String, Object> body = new HashMap<>(transfer(wallet, ethereumAddress(), "1", ETH_SEPOLIA_USDC, null));

        body.remove("entitySecretCiphertext");
        send(body)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(2)
                .jsonPath("$.errors[0].location")
                .isEqualTo("entitySecretCiphertext");
        body.put("entitySecretCiphertext", ciphertexts.encrypt("00".repeat(32)));
        send(body)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(156016);
        body.put("entitySecretCiphertext", ciphertexts.encryptWithMgf1Sha1(ENTITY_SECRET_HEX));
        send(body)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(156016);

        String ciphertext = ciphertexts.encrypt(ENTITY_SECRET_HEX);
        body.put("entitySecretCiphertext", ciphertext);
        send(body).expectStatus().isCreated();
        body.put("idempotencyKey", UUID.randomUUID().toString());
        send(body).expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo(156017);

        assertThat(listed("walletId", wallet.get("id"))).hasSize(1);
    }

    @Test
    void aTransferTheWalletCannotCoverIsAcceptedThenFailsWithInsufficientToken() {
        subscribe("insufficient");
        Map<String, Object> wallet = fundedWallet("SOL-DEVNET", "5");

        String id = acceptedId(transfer(wallet, solanaAddress(), "10", SOL_DEVNET_USDC, null));

        List<Received> posts = notifications("insufficient", id, 2);
        assertThat(posts)
                .extracting(post -> object(verified(post), "notification").get("state"))
                .containsExactly("INITIATED", "FAILED");
        assertThat(object(verified(posts.get(1)), "notification"))
                .containsEntry("errorReason", "INSUFFICIENT_TOKEN")
                .doesNotContainKeys("txHash", "refId");
        assertThat(transaction(id)).containsEntry("state", "FAILED").containsEntry("errorReason", "INSUFFICIENT_TOKEN");
        assertThat(usdcBalance(wallet.get("id"))).isEqualTo("5");
    }

    @Test
    void concurrentTransfersNeverSpendMoreThanTheWalletHolds() {
        Map<String, Object> wallet = fundedWallet("ETH-SEPOLIA", "10");
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bodies.add(transfer(wallet, ethereumAddress(), "3", ETH_SEPOLIA_USDC, "concurrent-" + i));
        }
        WebClient client = WebClient.builder()
                .baseUrl(baseUrl() + "/circle")
                .defaultHeader("Authorization", "Bearer " + CIRCLE_API_KEY)
                .build();

        List<Integer> statuses = Flux.fromIterable(bodies)
                .flatMap(
                        body -> client.post()
                                .uri("/v1/w3s/developer/transactions/transfer")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(body)
                                .exchangeToMono(response -> response.releaseBody()
                                        .thenReturn(response.statusCode().value())),
                        bodies.size())
                .collectList()
                .block(RESPONSE_TIMEOUT);

        assertThat(statuses).hasSize(10).containsOnly(201);
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> listed("walletId", wallet.get("id")).stream()
                        .allMatch(transaction -> List.of("COMPLETE", "FAILED").contains(transaction.get("state"))));
        List<Map<String, Object>> ended = listed("walletId", wallet.get("id"));
        assertThat(ended).hasSize(10);
        assertThat(ended)
                .filteredOn(transaction -> "COMPLETE".equals(transaction.get("state")))
                .hasSize(3);
        assertThat(ended)
                .filteredOn(transaction -> "FAILED".equals(transaction.get("state")))
                .hasSize(7)
                .allSatisfy(transaction -> assertThat(transaction).containsEntry("errorReason", "INSUFFICIENT_TOKEN"));
        assertThat(usdcBalance(wallet.get("id"))).isEqualTo("1");
        control()
                .get()
                .uri("/circle/wallets/{id}/balance", wallet.get("id"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.amount")
                .isEqualTo("1")
                .jsonPath("$.reserved")
                .isEqualTo("0");
    }

    @Test
    void failNextFailsTheNextTransferWithTheErrorReasonAndGivesTheUsdcBack() {
        subscribe("fail-next");
        Map<String, Object> wallet = fundedWallet("ETH-SEPOLIA", "20");
        control()
                .post()
                .uri("/circle/transactions/fail-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 1, "errorReason", "FAILED_ON_CHAIN"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.remaining")
                .isEqualTo(1)
                .jsonPath("$.failAfter")
                .isEqualTo("SENT");

        String failed = acceptedId(transfer(wallet, ethereumAddress(), "4", ETH_SEPOLIA_USDC, null));
        String next = acceptedId(transfer(wallet, ethereumAddress(), "6", ETH_SEPOLIA_USDC, null));

        List<Received> posts = notifications("fail-next", failed, 4);
        assertThat(posts)
                .extracting(post -> object(verified(post), "notification").get("state"))
                .containsExactly("INITIATED", "QUEUED", "SENT", "FAILED");
        Map<String, Object> failure = object(verified(posts.get(3)), "notification");
        assertThat(failure).containsEntry("errorReason", "FAILED_ON_CHAIN");
        assertThat((String) failure.get("txHash")).matches("0x[0-9a-f]{64}");
        // the flag was used up by the first transfer
        awaitState(next, "COMPLETE");
        assertThat(usdcBalance(wallet.get("id"))).isEqualTo("14");

        control()
                .post()
                .uri("/circle/transactions/fail-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("errorReason", "RISK_DENIED", "failAfter", "INITIATED"))
                .exchange()
                .expectStatus()
                .isOk();
        String denied = acceptedId(transfer(wallet, ethereumAddress(), "1", ETH_SEPOLIA_USDC, null));
        assertThat(awaitState(denied, "FAILED"))
                .containsEntry("errorReason", "RISK_DENIED")
                .doesNotContainKey("txHash");
        assertThat(usdcBalance(wallet.get("id"))).isEqualTo("14");

        control()
                .post()
                .uri("/circle/transactions/fail-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("failAfter", "COMPLETE"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("failAfter");
        control()
                .post()
                .uri("/circle/transactions/fail-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("errorReason", "no spaces"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("errorReason");
    }

    @Test
    @SuppressWarnings("unchecked")
    void balancesReflectInboundAndOutboundTransfers() {
        Map<String, Object> wallet = newWallet("ETH-SEPOLIA", ciphertexts);
        Map<String, Object> other = newWallet("ETH-SEPOLIA", ciphertexts);
        Map<String, Object> empty = data(circle().get()
                .uri("/v1/w3s/wallets/{id}/balances", wallet.get("id"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody());
        Map<String, Object> usdc = ((List<Map<String, Object>>) empty.get("tokenBalances")).get(0);
        assertThat(usdc).containsEntry("amount", "0");
        assertThat((Map<String, Object>) usdc.get("token"))
                .containsEntry("id", ETH_SEPOLIA_USDC)
                .containsEntry("symbol", "USDC")
                .containsEntry("decimals", 6)
                .containsEntry("blockchain", "ETH-SEPOLIA")
                .containsEntry("isNative", false);

        chainTransfer(Map.of("address", wallet.get("address"), "amount", "25.000000"));
        // a transfer that never completes credits nothing
        chainTransfer(Map.of("address", wallet.get("address"), "amount", "100", "states", List.of("SENT", "FAILED")));
        assertThat(usdcBalance(wallet.get("id"))).isEqualTo("25");

        String out = acceptedId(transfer(wallet, (String) other.get("address"), "10", ETH_SEPOLIA_USDC, null));
        assertThat(usdcBalance(wallet.get("id"))).isEqualTo("25");
        control()
                .get()
                .uri("/circle/wallets/{id}/balance", wallet.get("id"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.reserved")
                .isEqualTo("10")
                .jsonPath("$.available")
                .isEqualTo("15");
        awaitState(out, "COMPLETE");
        assertThat(usdcBalance(wallet.get("id"))).isEqualTo("15");
        // the destination is a wallet of the sandbox on the same chain: it received the USDC
        assertThat(usdcBalance(other.get("id"))).isEqualTo("10");

        circle().get()
                .uri("/v1/w3s/wallets/{id}/balances", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(156001);
        control()
                .post()
                .uri("/circle/wallets/{id}/credit", wallet.get("id"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amount", "1.0000001"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("amount");
        control()
                .post()
                .uri("/circle/wallets/{id}/credit", UUID.randomUUID())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amount", "1"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void theSameRequestAgainIsTheSameTransactionAndADifferentOneIsAConflict() {
        Map<String, Object> wallet = fundedWallet("ETH-SEPOLIA", "10");
        String destination = ethereumAddress();
        Map<String, Object> body = transfer(wallet, destination, "2", ETH_SEPOLIA_USDC, "same");
        String id = acceptedId(body);

        Map<String, Object> again = new HashMap<>(body);
        again.put("entitySecretCiphertext", ciphertexts.encrypt(ENTITY_SECRET_HEX));
        again.put("amounts", List.of("2.000000"));
        send(again).expectStatus().isOk().expectBody().jsonPath("$.data.id").isEqualTo(id);
        again.put("entitySecretCiphertext", ciphertexts.encrypt(ENTITY_SECRET_HEX));
        again.put("amounts", List.of("3"));
        send(again)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(156018);

        awaitState(id, "COMPLETE");
        again.put("entitySecretCiphertext", ciphertexts.encrypt(ENTITY_SECRET_HEX));
        again.put("amounts", List.of("2"));
        send(again)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.id")
                .isEqualTo(id)
                .jsonPath("$.data.state")
                .isEqualTo("COMPLETE");
        assertThat(listed("refId", "same"))
                .filteredOn(transaction -> transaction.get("walletId").equals(wallet.get("id")))
                .hasSize(1);
        assertThat(usdcBalance(wallet.get("id"))).isEqualTo("8");
    }

    @Test
    void invalidTransfersAreRefusedAndLeaveTheKeyFree() {
        Map<String, Object> wallet = fundedWallet("ETH-SEPOLIA", "10");

        send(Map.of("amounts", List.of("1", "2")))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(2)
                .jsonPath("$.errors[*].location")
                .isEqualTo(List.of(
                        "idempotencyKey",
                        "entitySecretCiphertext",
                        "walletId",
                        "destinationAddress",
                        "amounts",
                        "tokenId",
                        "feeLevel"));
        Map<String, Object> body =
                new HashMap<>(transfer(wallet, ethereumAddress(), "1.0000001", ETH_SEPOLIA_USDC, null));
        body.put("feeLevel", "URGENT");
        send(body)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].location")
                .isEqualTo(List.of("amounts[0]", "feeLevel"));

        String key = UUID.randomUUID().toString();
        Map<String, Object> unknownWallet =
                new HashMap<>(transfer(wallet, ethereumAddress(), "1", ETH_SEPOLIA_USDC, null));
        unknownWallet.put("walletId", UUID.randomUUID().toString());
        unknownWallet.put("idempotencyKey", key);
        send(unknownWallet)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(156001);
        Map<String, Object> solanaAddress =
                new HashMap<>(transfer(wallet, solanaAddress(), "1", ETH_SEPOLIA_USDC, null));
        solanaAddress.put("idempotencyKey", key);
        send(solanaAddress)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].location")
                .isEqualTo("destinationAddress");
        Map<String, Object> otherToken = new HashMap<>(transfer(wallet, ethereumAddress(), "1", SOL_DEVNET_USDC, null));
        otherToken.put("idempotencyKey", key);
        send(otherToken)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].location")
                .isEqualTo("tokenId");

        Map<String, Object> valid = new HashMap<>(transfer(wallet, ethereumAddress(), "1", ETH_SEPOLIA_USDC, null));
        valid.put("idempotencyKey", key);
        send(valid).expectStatus().isCreated();

        circle().get()
                .uri("/v1/w3s/transactions/{id}", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(404);
        circle().get()
                .uri("/v1/w3s/transactions/not-a-uuid")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(2);
        anonymous()
                .post()
                .uri("/circle/v1/w3s/developer/transactions/transfer")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(valid)
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void aDropDeliveryFaultOfOutboundTransactionsLosesOneNotification() {
        subscribe("drop");
        deliveryFault("transactions.outbound", "drop").expectStatus().isCreated();
        Map<String, Object> wallet = fundedWallet("ETH-SEPOLIA", "1");

        String id = acceptedId(transfer(wallet, ethereumAddress(), "1", ETH_SEPOLIA_USDC, null));

        awaitState(id, "COMPLETE");
        List<Map<String, Object>> deliveries = deliveries("/circle/transactions/{id}/deliveries", id, 5);
        assertThat(deliveries.get(0)).containsEntry("state", "INITIATED").containsEntry("dropped", true);
        assertThat(notifications("drop", id, 4))
                .extracting(post -> object(verified(post), "notification").get("state"))
                .containsExactly("QUEUED", "SENT", "CONFIRMED", "COMPLETE");
    }

    // --- helpers ---

    /** A transfer request from {@code wallet}, with a fresh ciphertext and key. */
    Map<String, Object> transfer(
            Map<String, Object> wallet, String destination, String amount, String tokenId, String refId) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "idempotencyKey",
                UUID.randomUUID().toString(),
                "entitySecretCiphertext",
                ciphertexts.encrypt(ENTITY_SECRET_HEX),
                "walletId",
                wallet.get("id"),
                "destinationAddress",
                destination,
                "amounts",
                List.of(amount),
                "tokenId",
                tokenId,
                "feeLevel",
                "MEDIUM"));
        if (refId != null) {
            body.put("refId", refId);
        }
        return body;
    }

    Map<String, Object> fundedWallet(String blockchain, String usdc) {
        Map<String, Object> wallet = newWallet(blockchain, ciphertexts);
        control()
                .post()
                .uri("/circle/wallets/{id}/credit", wallet.get("id"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amount", usdc))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.amount")
                .isEqualTo(usdc);
        return wallet;
    }

    WebTestClient.ResponseSpec send(Map<String, Object> body) {
        return circle().post()
                .uri("/v1/w3s/developer/transactions/transfer")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    String acceptedId(Map<String, Object> body) {
        return (String) data(send(body)
                        .expectStatus()
                        .isCreated()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .get("id");
    }

    void chainTransfer(Map<String, Object> body) {
        control()
                .post()
                .uri("/chain/transfers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated();
    }

    Map<String, Object> transaction(String id) {
        return object(
                data(circle().get()
                        .uri("/v1/w3s/transactions/{id}", id)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody()),
                "transaction");
    }

    /** Waits until the transaction is in {@code state}; returns it. */
    Map<String, Object> awaitState(String id, String state) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> state.equals(transaction(id).get("state")));
        return transaction(id);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> listed(String filter, Object value) {
        return (List<Map<String, Object>>) control()
                .get()
                .uri(uri -> uri.path("/circle/transactions")
                        .queryParam(filter, value)
                        .build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("transactions");
    }

    /** Waits until at least {@code count} notifications of the transaction reached {@code name}; returns them all. */
    List<Received> notifications(String name, String transactionId, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> notificationsOf(name, transactionId).size() >= count);
        return notificationsOf(name, transactionId);
    }

    List<Received> notificationsOf(String name, String transactionId) {
        return receiver.posts(name).stream()
                .filter(post ->
                        Objects.equals(object(verified(post), "notification").get("id"), transactionId))
                .toList();
    }
}
