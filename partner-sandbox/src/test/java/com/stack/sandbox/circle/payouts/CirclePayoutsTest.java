package com.stack.sandbox.circle.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.stack.sandbox.CallbackReceiver.Received;
import com.stack.sandbox.circle.CircleWebhookTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Circle's payouts as funding-service's {@code CirclePayoutClient} calls them and its
 * {@code CircleNotifications.payout} reads their notifications. Payouts of other tests may still
 * settle while a test runs: notifications are picked by payout id.
 */
class CirclePayoutsTest extends CircleWebhookTest {

    static final String WALLET = "1000216185";
    static final String WIRE = "b8627ae8-732b-4d25-b947-1df8f4007a29";

    @AfterEach
    void clearFailNext() {
        control()
                .post()
                .uri("/circle/payouts/fail-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 0))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aPayoutIsPendingThenCompleteAndNotifiedSigned() {
        String subscriptionId = subscribe("complete");
        String key = UUID.randomUUID().toString();

        Map<String, Object> created = data(create(payout(key, WIRE, "125.00"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody());
        String id = (String) created.get("id");
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(created)
                .containsEntry("status", "pending")
                .containsEntry("sourceWalletId", WALLET)
                .containsEntry("destination", Map.of("type", "wire", "id", WIRE))
                .containsEntry("amount", Map.of("amount", "125.00", "currency", "USD"))
                .containsEntry("fees", Map.of("amount", "0.00", "currency", "USD"))
                .doesNotContainKey("errorCode");
        assertThat(Instant.parse((String) created.get("createDate")))
                .isEqualTo(Instant.parse((String) created.get("updateDate")));

        Received post = notification("complete", id);
        Map<String, Object> body = verified(post);
        assertThat(body)
                .containsEntry("subscriptionId", subscriptionId)
                .containsEntry("notificationType", "payouts")
                .containsEntry("version", 2);
        assertThat(UUID.fromString((String) body.get("notificationId"))).isNotNull();
        assertThat(Instant.parse((String) body.get("timestamp"))).isNotNull();
        Map<String, Object> notification = object(body, "notification");
        assertThat(notification)
                .containsEntry("id", id)
                .containsEntry("status", "complete")
                .containsEntry("amount", Map.of("amount", "125.00", "currency", "USD"))
                .containsEntry("sourceWalletId", WALLET)
                .containsEntry("destination", Map.of("type", "wire", "id", WIRE))
                .containsEntry("createDate", created.get("createDate"))
                .containsKey("updateDate")
                .doesNotContainKey("errorCode");

        Map<String, Object> read = data(circle().get()
                .uri("/v1/businessAccount/payouts/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody());
        assertThat(read)
                .containsEntry("id", id)
                .containsEntry("status", "complete")
                .containsEntry("updateDate", notification.get("updateDate"));
        assertThat(deliveries(id, 1))
                .singleElement()
                .satisfies(delivery -> assertThat(delivery)
                        .containsEntry("notificationId", body.get("notificationId"))
                        .containsEntry("subscriptionId", subscriptionId)
                        .containsEntry("state", "complete")
                        .containsEntry("attempt", 1)
                        .containsEntry("status", 200));
    }

    @Test
    void theSameRequestAgainIsThePayoutMadeTheFirstTimeAndADifferentOneIsAConflict() {
        String key = UUID.randomUUID().toString();
        String id = (String) data(create(payout(key, WIRE, "10.5"))
                        .expectStatus()
                        .isCreated()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .get("id");

        // "10.50" is the same amount as "10.5"
        create(payout(key, WIRE, "10.50"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.id")
                .isEqualTo(id)
                .jsonPath("$.data.amount.amount")
                .isEqualTo("10.50");
        create(payout(key, WIRE, "10.51"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(156018)
                .jsonPath("$.message")
                .isNotEmpty();
        create(payout(key, "another-wire", "10.50")).expectStatus().isEqualTo(409);

        awaitStatus(id, "complete");
        create(payout(key, WIRE, "10.50"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.id")
                .isEqualTo(id)
                .jsonPath("$.data.status")
                .isEqualTo("complete");
    }

    @Test
    void invalidRequestsAreRefusedListingEveryField() {
        create(Map.of(
                        "idempotencyKey",
                        "not-a-uuid",
                        "source",
                        Map.of("type", "blockchain", "id", WALLET),
                        "destination",
                        Map.of("type", "ach", "id", WIRE),
                        "amount",
                        Map.of("amount", "1.005", "currency", "EUR")))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(2)
                .jsonPath("$.errors[*].location")
                .isEqualTo(List.of(
                        "idempotencyKey", "source.type", "destination.type", "amount.currency", "amount.amount"));
        create(Map.of())
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].location")
                .isEqualTo(List.of("idempotencyKey", "source", "destination", "amount"))
                .jsonPath("$.errors[0].error")
                .isEqualTo("required");
        for (String amount : List.of("0", "0.00", "-1", "1e3", "abc", "1.", " 1")) {
            create(payout(UUID.randomUUID().toString(), WIRE, amount))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].location")
                    .isEqualTo("amount.amount");
        }
        circle().post()
                .uri("/v1/businessAccount/payouts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(2);
    }

    @Test
    void anUnknownPayoutIsNotFoundAndTheApiKeyIsRequired() {
        circle().get()
                .uri("/v1/businessAccount/payouts/{id}", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(404)
                .jsonPath("$.message")
                .isNotEmpty();
        anonymous()
                .post()
                .uri("/circle/v1/businessAccount/payouts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(payout(UUID.randomUUID().toString(), WIRE, "1.00"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(401);
    }

    @Test
    void failNextMakesTheNextPayoutsFailWithTheErrorCode() {
        subscribe("fail-next");
        control()
                .post()
                .uri("/circle/payouts/fail-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 1, "errorCode", "insufficient_funds"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.remaining")
                .isEqualTo(1);

        String failed = (String) data(create(payout(UUID.randomUUID().toString(), WIRE, "7.00"))
                        .expectStatus()
                        .isCreated()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .get("id");
        String next = (String) data(create(payout(UUID.randomUUID().toString(), WIRE, "8.00"))
                        .expectStatus()
                        .isCreated()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .get("id");

        assertThat(object(verified(notification("fail-next", failed)), "notification"))
                .containsEntry("status", "failed")
                .containsEntry("errorCode", "insufficient_funds")
                .containsEntry("amount", Map.of("amount", "7.00", "currency", "USD"));
        circle().get()
                .uri("/v1/businessAccount/payouts/{id}", failed)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.status")
                .isEqualTo("failed")
                .jsonPath("$.data.errorCode")
                .isEqualTo("insufficient_funds");
        // the flag was used up by the first payout
        assertThat(object(verified(notification("fail-next", next)), "notification"))
                .containsEntry("status", "complete")
                .doesNotContainKey("errorCode");

        control()
                .post()
                .uri("/circle/payouts/fail-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", -1))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.field")
                .isEqualTo("count");
        control()
                .post()
                .uri("/circle/payouts/fail-next")
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
    void aPayoutToAFailingDestinationFailsWithTheConfiguredErrorCode() {
        subscribe("failing-destination");
        String id = (String) data(create(payout(UUID.randomUUID().toString(), FAILING_DESTINATION, "9.99"))
                        .expectStatus()
                        .isCreated()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .get("id");

        assertThat(object(verified(notification("failing-destination", id)), "notification"))
                .containsEntry("status", "failed")
                .containsEntry("errorCode", "transaction_failed");
    }

    @Test
    void aPayoutToARefusedDestinationIsRefusedAndLeavesTheKeyFree() {
        String key = UUID.randomUUID().toString();
        create(payout(key, REFUSED_DESTINATION, "5.00"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(2)
                .jsonPath("$.errors[0].location")
                .isEqualTo("destination.id");

        create(payout(key, WIRE, "5.00")).expectStatus().isCreated();
    }

    @Test
    void aRequestFaultAnswers503WithoutAPayoutAndTheRetryWithTheSameKeyMakesOne() {
        control()
                .post()
                .uri("/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "partner",
                        "circle",
                        "method",
                        "POST",
                        "pathPattern",
                        "/v1/businessAccount/payouts",
                        "status",
                        503,
                        "count",
                        1))
                .exchange()
                .expectStatus()
                .isCreated();
        String key = UUID.randomUUID().toString();

        create(payout(key, WIRE, "42.00"))
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(-1);
        String id = (String) data(create(payout(key, WIRE, "42.00"))
                        .expectStatus()
                        .isCreated()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .get("id");
        create(payout(key, WIRE, "42.00"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.id")
                .isEqualTo(id);
    }

    @Test
    void aDuplicateDeliveryFaultOfPayoutsSendsTheSameNotificationTwice() {
        subscribe("duplicate");
        deliveryFault("payouts", "duplicate")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.delivery")
                .isEqualTo("payouts");
        String id = (String) data(create(payout(UUID.randomUUID().toString(), WIRE, "3.00"))
                        .expectStatus()
                        .isCreated()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .get("id");

        List<Received> posts = notifications("duplicate", id, 2);
        assertThat(posts.get(1).body()).isEqualTo(posts.get(0).body());
        assertThat(posts.get(1).header("X-Circle-Signature"))
                .isEqualTo(posts.get(0).header("X-Circle-Signature"));
        assertThat(deliveries(id, 2))
                .hasSize(2)
                .last()
                .satisfies(delivery -> assertThat(delivery).containsEntry("faults", List.of("duplicate")));
    }

    // --- helpers ---

    static Map<String, Object> payout(String idempotencyKey, String destination, String amount) {
        return Map.of(
                "idempotencyKey",
                idempotencyKey,
                "source",
                Map.of("type", "wallet", "id", WALLET),
                "destination",
                Map.of("type", "wire", "id", destination),
                "amount",
                Map.of("amount", amount, "currency", "USD"));
    }

    WebTestClient.ResponseSpec create(Map<String, Object> body) {
        return circle().post()
                .uri("/v1/businessAccount/payouts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    /** Waits for the notification of the payout at {@code name}. */
    Received notification(String name, String payoutId) {
        List<Received> posts = notifications(name, payoutId, 1);
        assertThat(posts).hasSize(1);
        return posts.get(0);
    }

    /** Waits until at least {@code count} notifications of the payout reached {@code name}; returns them all. */
    List<Received> notifications(String name, String payoutId, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> notificationsOf(name, payoutId).size() >= count);
        return notificationsOf(name, payoutId);
    }

    List<Received> notificationsOf(String name, String payoutId) {
        return receiver.posts(name).stream()
                .filter(post ->
                        Objects.equals(object(verified(post), "notification").get("id"), payoutId))
                .toList();
    }

    void awaitStatus(String id, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> status.equals(data(circle().get()
                                .uri("/v1/businessAccount/payouts/{id}", id)
                                .exchange()
                                .expectStatus()
                                .isOk()
                                .expectBody(JSON_OBJECT)
                                .returnResult()
                                .getResponseBody())
                        .get("status")));
    }

    /** Waits until the payout's deliveries list holds at least {@code count} entries. */
    List<Map<String, Object>> deliveries(String payoutId, int count) {
        return deliveries("/circle/payouts/{id}/deliveries", payoutId, count);
    }
}
