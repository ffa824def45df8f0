package com.stack.sandbox.circle.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.stack.contracts.chains.Base58;
import com.stack.sandbox.CallbackReceiver.Received;
import com.stack.sandbox.circle.CircleWebhookTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Circle Mint's business-account transfers, the on-ramp of a withdrawal: USD of the business account
 * sent as USDC to an address. Notifications are picked by transfer id; every test waits until its
 * transfers ended, so the business balance is still when the next test reads it.
 */
class CircleBusinessTransfersTest extends CircleWebhookTest {

    static final String MASTER_WALLET = "1000216185";

    @AfterEach
    void clearFailNext() {
        control()
                .post()
                .uri("/circle/transfers/fail-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 0))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aTransferIsPendingThenCompleteWithAnEthereumHashEachStatusNotifiedSigned() {
        String subscriptionId = subscribe("complete");
        String address = ethereumAddress();

        Map<String, Object> created = data(create(transfer(UUID.randomUUID().toString(), address, "ETH", "10.00"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody());
        String id = (String) created.get("id");
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(created)
                .containsEntry("status", "pending")
                .containsEntry("source", Map.of("type", "wallet", "id", MASTER_WALLET))
                .containsEntry("destination", Map.of("type", "blockchain", "address", address, "chain", "ETH"))
                .containsEntry("amount", Map.of("amount", "10.00", "currency", "USD"))
                .containsKeys("createDate", "updateDate")
                .doesNotContainKeys("transactionHash", "errorCode");

        List<Received> posts = notifications("complete", id, 2);
        assertThat(posts).hasSize(2);
        Map<String, Object> pending = verified(posts.get(0));
        Map<String, Object> complete = verified(posts.get(1));
        for (Map<String, Object> body : List.of(pending, complete)) {
            assertThat(body)
                    .containsEntry("subscriptionId", subscriptionId)
                    .containsEntry("notificationType", "transfers")
                    .containsEntry("version", 2)
                    .containsKeys("notificationId", "timestamp")
                    .doesNotContainKey("notification");
            assertThat(object(body, "transfer"))
                    .containsEntry("id", id)
                    .containsEntry("amount", Map.of("amount", "10.00", "currency", "USD"))
                    .containsEntry("destination", Map.of("type", "blockchain", "address", address, "chain", "ETH"));
        }
        assertThat(object(pending, "transfer"))
                .containsEntry("status", "pending")
                .doesNotContainKey("transactionHash");
        Map<String, Object> transfer = object(complete, "transfer");
        assertThat(transfer).containsEntry("status", "complete").doesNotContainKey("errorCode");
        assertThat((String) transfer.get("transactionHash")).matches("0x[0-9a-f]{64}");
        assertThat(pending.get("notificationId")).isNotEqualTo(complete.get("notificationId"));

        circle().get()
                .uri("/v1/businessAccount/transfers/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.status")
                .isEqualTo("complete")
                .jsonPath("$.data.transactionHash")
                .isEqualTo(transfer.get("transactionHash"))
                .jsonPath("$.data.updateDate")
                .isEqualTo(transfer.get("updateDate"));
        assertThat(deliveries("/circle/transfers/{id}/deliveries", id, 2))
                .extracting(delivery -> delivery.get("state") + ":" + delivery.get("status"))
                .containsExactly("pending:200", "complete:200");
    }

    @Test
    void aSolanaTransferCompletesWithABase58Signature() {
        String id = createdId(transfer(UUID.randomUUID().toString(), solanaAddress(), "SOL-DEVNET", "1.5"));

        Map<String, Object> complete = awaitStatus(id, "complete");
        assertThat(Base58.decode((String) complete.get("transactionHash"))).hasSize(64);
        assertThat(complete).containsEntry("amount", Map.of("amount", "1.50", "currency", "USD"));
    }

    @Test
    void theSameRequestAgainIsTheSameTransferAndADifferentOneIsAConflict() {
        String key = UUID.randomUUID().toString();
        String address = ethereumAddress();
        String id = createdId(transfer(key, address, "ETH", "20"));

        // "20.00" is the same amount as "20"
        create(transfer(key, address, "ETH", "20.00"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.id")
                .isEqualTo(id)
                .jsonPath("$.data.amount.amount")
                .isEqualTo("20.00");
        create(transfer(key, address, "ETH", "20.01"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(156018)
                .jsonPath("$.message")
                .isNotEmpty();
        create(transfer(key, ethereumAddress(), "ETH", "20.00")).expectStatus().isEqualTo(409);

        awaitStatus(id, "complete");
        create(transfer(key, address, "ETH", "20.00"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.id")
                .isEqualTo(id)
                .jsonPath("$.data.status")
                .isEqualTo("complete");
        control()
                .get()
                .uri(uri -> uri.path("/circle/transfers")
                        .queryParam("address", address.toLowerCase())
                        .build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1)
                .jsonPath("$.transfers[0].id")
                .isEqualTo(id);
    }

    @Test
    void aTransferTheBusinessBalanceCannotCoverIsRefusedAndLeavesTheKeyFree() {
        String key = UUID.randomUUID().toString();
        String address = ethereumAddress();
        BigDecimal before = businessBalance();

        create(transfer(key, address, "ETH", "999999999999999.99"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(400)
                .jsonPath("$.message")
                .value(message -> assertThat((String) message).startsWith("Insufficient funds"));
        assertThat(businessBalance()).isEqualByComparingTo(before);

        awaitStatus(createdId(transfer(key, address, "ETH", "1.00")), "complete");
    }

    @Test
    void theBusinessBalanceIsTakenByATransferAndGrowsByTheControlCredit() {
        BigDecimal before = businessBalance();
        control()
                .post()
                .uri("/circle/business-account/credit")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("amount", "1000.50"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.available[0].currency")
                .isEqualTo("USD")
                .jsonPath("$.available[0].amount")
                .isEqualTo(before.add(new BigDecimal("1000.50")).toPlainString());
        circle().get()
                .uri("/v1/businessAccount/balances")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.unsettled")
                .isEmpty();

        String id = createdId(transfer(UUID.randomUUID().toString(), ethereumAddress(), "ETH", "250.00"));
        assertThat(businessBalance()).isEqualByComparingTo(before.add(new BigDecimal("750.50")));
        awaitStatus(id, "complete");
        assertThat(businessBalance()).isEqualByComparingTo(before.add(new BigDecimal("750.50")));

        for (String amount : List.of("0", "-1", "1.005", "abc")) {
            control()
                    .post()
                    .uri("/circle/business-account/credit")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("amount", amount))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.field")
                    .isEqualTo("amount");
        }
    }

    @Test
    void failNextMakesTheNextTransferFailWithTheErrorCodeAndGivesTheAmountBack() {
        subscribe("fail-next");
        BigDecimal before = businessBalance();
        control()
                .post()
                .uri("/circle/transfers/fail-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 1, "errorCode", "blockchain_error"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.remaining")
                .isEqualTo(1)
                .jsonPath("$.errorCode")
                .isEqualTo("blockchain_error");

        String failed = createdId(transfer(UUID.randomUUID().toString(), ethereumAddress(), "ETH", "7.00"));
        String next = createdId(transfer(UUID.randomUUID().toString(), ethereumAddress(), "ETH", "8.00"));

        Map<String, Object> failure =
                object(verified(notifications("fail-next", failed, 2).get(1)), "transfer");
        assertThat(failure)
                .containsEntry("status", "failed")
                .containsEntry("errorCode", "blockchain_error")
                .doesNotContainKey("transactionHash");
        assertThat(awaitStatus(failed, "failed")).containsEntry("errorCode", "blockchain_error");
        // the flag was used up by the first transfer
        awaitStatus(next, "complete");
        assertThat(businessBalance()).isEqualByComparingTo(before.subtract(new BigDecimal("8.00")));

        control()
                .post()
                .uri("/circle/transfers/fail-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 1001))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("count");
        control()
                .post()
                .uri("/circle/transfers/fail-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("errorCode", "no spaces"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("errorCode");
    }

    @Test
    void aCompleteTransferToASandboxWalletCreditsItsUsdc() {
        Map<String, Object> wallet = newWallet("ETH-SEPOLIA", entityCiphertexts());

        String id = createdId(transfer(UUID.randomUUID().toString(), (String) wallet.get("address"), "ETH", "12.50"));

        assertThat(usdcBalance(wallet.get("id"))).isEqualTo("0");
        awaitStatus(id, "complete");
        assertThat(usdcBalance(wallet.get("id"))).isEqualTo("12.5");
    }

    @Test
    void invalidRequestsAreRefusedListingEveryField() {
        create(Map.of(
                        "idempotencyKey",
                        "not-a-uuid",
                        "destination",
                        Map.of("type", "wire", "address", "0x12", "chain", "ETH"),
                        "amount",
                        Map.of("amount", "1.005", "currency", "EUR")))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(2)
                .jsonPath("$.errors[*].location")
                .isEqualTo(List.of(
                        "idempotencyKey",
                        "destination.type",
                        "destination.address",
                        "amount.currency",
                        "amount.amount"));
        create(Map.of())
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].location")
                .isEqualTo(List.of("idempotencyKey", "destination", "amount"));
        // a Solana address on Ethereum, an unknown chain
        create(transfer(UUID.randomUUID().toString(), solanaAddress(), "ETH", "1.00"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].location")
                .isEqualTo("destination.address");
        create(transfer(UUID.randomUUID().toString(), ethereumAddress(), "BTC", "1.00"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].location")
                .isEqualTo("destination.chain");
        circle().post()
                .uri("/v1/businessAccount/transfers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(2);
        circle().get()
                .uri("/v1/businessAccount/transfers/{id}", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(404);
        anonymous()
                .get()
                .uri("/circle/v1/businessAccount/balances")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void aDuplicateDeliveryFaultOfTransfersSendsTheSameNotificationTwice() {
        subscribe("duplicate");
        deliveryFault("transfers", "duplicate").expectStatus().isCreated();

        String id = createdId(transfer(UUID.randomUUID().toString(), ethereumAddress(), "ETH", "3.00"));

        List<Received> posts = notifications("duplicate", id, 3);
        assertThat(posts).hasSize(3);
        assertThat(posts.get(1).body()).isEqualTo(posts.get(0).body());
        assertThat(posts.get(1).header("X-Circle-Signature"))
                .isEqualTo(posts.get(0).header("X-Circle-Signature"));
        assertThat(object(verified(posts.get(2)), "transfer")).containsEntry("status", "complete");
        assertThat(deliveries("/circle/transfers/{id}/deliveries", id, 3).get(1))
                .containsEntry("faults", List.of("duplicate"));
    }

    // --- helpers ---

    static Map<String, Object> transfer(String idempotencyKey, String address, String chain, String amount) {
        return Map.of(
                "idempotencyKey",
                idempotencyKey,
                "destination",
                Map.of("type", "blockchain", "address", address, "chain", chain),
                "amount",
                Map.of("amount", amount, "currency", "USD"));
    }

    WebTestClient.ResponseSpec create(Map<String, Object> body) {
        return circle().post()
                .uri("/v1/businessAccount/transfers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    String createdId(Map<String, Object> body) {
        return (String) data(create(body)
                        .expectStatus()
                        .isCreated()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .get("id");
    }

    @SuppressWarnings("unchecked")
    BigDecimal businessBalance() {
        Map<String, Object> balances = data(circle().get()
                .uri("/v1/businessAccount/balances")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody());
        List<Map<String, Object>> available = (List<Map<String, Object>>) balances.get("available");
        assertThat(available)
                .singleElement()
                .satisfies(balance -> assertThat(balance).containsEntry("currency", "USD"));
        return new BigDecimal((String) available.get(0).get("amount"));
    }

    /** Waits until the transfer has {@code status}; returns it. */
    Map<String, Object> awaitStatus(String id, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> status.equals(read(id).get("status")));
        return read(id);
    }

    Map<String, Object> read(String id) {
        return data(circle().get()
                .uri("/v1/businessAccount/transfers/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody());
    }

    /** Waits until at least {@code count} notifications of the transfer reached {@code name}; returns them all. */
    List<Received> notifications(String name, String transferId, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> notificationsOf(name, transferId).size() >= count);
        return notificationsOf(name, transferId);
    }

    List<Received> notificationsOf(String name, String transferId) {
        return receiver.posts(name).stream()
                .filter(post ->
                        Objects.equals(object(verified(post), "transfer").get("id"), transferId))
                .toList();
    }
}
