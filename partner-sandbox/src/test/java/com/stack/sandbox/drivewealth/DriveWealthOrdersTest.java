package com.stack.sandbox.drivewealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.stack.sandbox.sqs.SqsClients;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * DriveWealth's orders as investing-service calls them, against the sandbox's market; their events read
 * from their own SQS queue with the SDK, as a consumer reads them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriveWealthOrdersTest extends DriveWealthIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SqsAsyncClient sqs;
    private String orderQueueUrl;

    @BeforeAll
    void client() throws Exception {
        sqs = SqsClients.sandbox(baseUrl());
        orderQueueUrl = sqs.getQueueUrl(b -> b.queueName("drivewealth-order-events"))
                .get(30, TimeUnit.SECONDS)
                .queueUrl();
    }

    @AfterAll
    void close() {
        sqs.close();
    }

    @AfterEach
    void resetTheMarket() {
        control().delete().uri("/market/behaviour").exchange().expectStatus().isNoContent();
    }

    @Test
    void anAmountOrderFillsChargesItsExactCostAndIsAnnouncedOnTheOrderQueueOnly() {
        Map<String, Object> account = fundedAccount("1000.00");
        String clientOrderId = UUID.randomUUID().toString();
        Map<String, Object> body =
                orderBody((String) account.get("accountNo"), "AAPL", "BUY", null, "100", clientOrderId);
        Map<String, Object> placed = place(body, null)
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat((String) placed.get("id")).startsWith("DW-");
        assertThat(placed)
                .containsEntry("status", "NEW")
                .containsEntry("clientOrderID", clientOrderId)
                .containsKey("orderNo");
        place(body, null).expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(placed.get("id"));

        Map<String, Object> filled = awaitStatus((String) placed.get("id"), "FILLED");
        BigDecimal quantity = decimal(filled.get("cumQty"));
        BigDecimal average = decimal(filled.get("averagePrice"));
        assertThat(quantity).isEqualByComparingTo(new BigDecimal("100").divide(average, 9, RoundingMode.DOWN));
        BigDecimal cost = quantity.multiply(average).setScale(2, RoundingMode.HALF_EVEN);
        assertThat(new BigDecimal(cash((String) account.get("id"))))
                .isEqualByComparingTo(new BigDecimal("1000.00").subtract(cost));
        driveWealth()
                .get()
                .uri("/accounts/{id}/summary/positions", account.get("id"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.equityPositions[0].symbol")
                .isEqualTo("AAPL");
        driveWealth()
                .get()
                .uri("/orders?clientOrderID={c}", clientOrderId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(placed.get("id"));
        driveWealth()
                .get()
                .uri("/orders?clientOrderID=none")
                .exchange()
                .expectStatus()
                .isNotFound();

        List<Map<String, Object>> envelopes = new ArrayList<>();
        Awaitility.await().atMost(SETTLED).until(() -> {
            List<Message> received = sqs.receiveMessage(b ->
                            b.queueUrl(orderQueueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .get(30, TimeUnit.SECONDS)
                    .messages();
            received.stream()
                    .map(message -> envelope(message.body()))
                    .filter(envelope ->
                            placed.get("id").equals(object(envelope, "payload").get("id")))
                    .forEach(envelopes::add);
            received.forEach(message ->
                    sqs.deleteMessage(b -> b.queueUrl(orderQueueUrl).receiptHandle(message.receiptHandle())));
            return envelopes.size() >= 2;
        });
        // a standard queue: the two may arrive in either order
        assertThat(envelopes)
                .extracting(envelope -> envelope.get("type"))
                .containsExactlyInAnyOrder("orders.updated", "orders.completed");
        Map<String, Object> completed = object(
                envelopes.stream()
                        .filter(e -> "orders.completed".equals(e.get("type")))
                        .findFirst()
                        .orElseThrow(),
                "payload");
        assertThat(completed).containsEntry("status", "FILLED");
        assertThat(decimal(object(completed, "lastExecuted").get("qty"))).isEqualByComparingTo(quantity);
        assertThat(eventsAbout((String) placed.get("id")))
                .as("not on the funding events queue")
                .isEmpty();
    }

    @Test
    void aPartialFillThenACancelKeepsTheFilledPart() {
        Map<String, Object> account = fundedAccount("100000.00");
        control()
                .put()
                .uri("/market/behaviour/ORCL")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("mode", "PARTIAL"))
                .exchange()
                .expectStatus()
                .isOk();
        String id = (String) place(
                        orderBody(
                                (String) account.get("accountNo"),
                                "ORCL",
                                "BUY",
                                "4",
                                null,
                                UUID.randomUUID().toString()),
                        null)
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        awaitStatus(id, "PARTIAL_FILL");
        driveWealth().delete().uri("/orders/{id}", id).exchange().expectStatus().isOk();
        Map<String, Object> canceled = awaitStatus(id, "CANCELED");
        assertThat(decimal(canceled.get("cumQty"))).isEqualByComparingTo("2");
        BigDecimal cost = decimal(canceled.get("averagePrice"))
                .multiply(BigDecimal.valueOf(2))
                .setScale(2, RoundingMode.HALF_EVEN);
        assertThat(new BigDecimal(cash((String) account.get("id"))))
                .isEqualByComparingTo(new BigDecimal("100000.00").subtract(cost));
        driveWealth().delete().uri("/orders/{id}", id).exchange().expectStatus().isBadRequest();
        List<Map<String, Object>> events = orderEventsAbout(id);
        assertThat(events).extracting(event -> event.get("status")).containsExactly("NEW", "PARTIAL_FILL", "CANCELED");
    }

    @Test
    void refusalsUseDriveWealthsOrderErrorCodes() {
        Map<String, Object> account = fundedAccount("10.00");
        String accountNo = (String) account.get("accountNo");
        place(
                        orderBody(
                                accountNo,
                                "VTI",
                                "BUY",
                                null,
                                "10.01",
                                UUID.randomUUID().toString()),
                        null)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errorCode")
                .isEqualTo("O016")
                .jsonPath("$.message")
                .isEqualTo("insufficient funds");
        place(orderBody(accountNo, "VTI", "SELL", "1", null, UUID.randomUUID().toString()), null)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errorCode")
                .isEqualTo("O029");
        place(orderBody(accountNo, "ZZZZ", "BUY", "1", null, UUID.randomUUID().toString()), null)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errorCode")
                .isEqualTo("I050");
        place(
                        orderBody(
                                "DWXX999999X",
                                "VTI",
                                "BUY",
                                "1",
                                null,
                                UUID.randomUUID().toString()),
                        null)
                .expectStatus()
                .isNotFound();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body =
                orderBody(accountNo, "VTI", "BUY", null, "5", UUID.randomUUID().toString());
        String id = (String) place(body, key)
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        place(body, key).expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(id);
        place(orderBody(accountNo, "VTI", "BUY", null, "6", UUID.randomUUID().toString()), key)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errorCode")
                .isEqualTo("E041");
    }

    // --- helpers ---

    Map<String, Object> fundedAccount(String amount) {
        Map<String, Object> account = openAccount();
        String deposit = (String) created("deposits", funding((String) account.get("accountNo"), amount))
                .get("id");
        settled("deposits", deposit);
        return account;
    }

    static Map<String, Object> orderBody(
            String accountNo, String symbol, String side, String quantity, String amountCash, String clientOrderId) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "accountNo",
                accountNo,
                "orderType",
                "MARKET",
                "symbol",
                symbol,
                "side",
                side,
                "clientOrderID",
                clientOrderId));
        if (quantity != null) {
            body.put("quantity", new BigDecimal(quantity));
        }
        if (amountCash != null) {
            body.put("amountCash", new BigDecimal(amountCash));
        }
        return body;
    }

    org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec place(
            Map<String, Object> body, String idempotencyKey) {
        return driveWealth()
                .post()
                .uri("/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (idempotencyKey != null) {
                        headers.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .bodyValue(body)
                .exchange();
    }

    Map<String, Object> awaitStatus(String id, String status) {
        Awaitility.await()
                .atMost(SETTLED)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> status.equals(readOrder(id).get("status")));
        return readOrder(id);
    }

    Map<String, Object> readOrder(String id) {
        return driveWealth()
                .get()
                .uri("/orders/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> orderEventsAbout(String id) {
        List<Map<String, Object>> events = (List<Map<String, Object>>) control()
                .get()
                .uri("/drivewealth/order-events")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("events");
        return events.stream()
                .filter(event -> Objects.equals(event.get("objectId"), id))
                .toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> envelope(String body) {
        return (Map<String, Object>) JSON.readValue(body, Map.class);
    }

    static BigDecimal decimal(Object value) {
        return new BigDecimal(String.valueOf(value));
    }
}
