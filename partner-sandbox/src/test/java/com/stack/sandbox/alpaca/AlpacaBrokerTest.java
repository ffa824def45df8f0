package com.stack.sandbox.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.sandbox.SandboxIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Alpaca's Broker API as the brokerage service calls it: accounts, cash journals between the firm
 * and a user account, their money, and the journal status event stream read raw, comments included.
 * Journals of other tests may still settle while a test runs: events are picked by journal id.
 */
class AlpacaBrokerTest extends SandboxIntegrationTest {

    static final String KEY = "alpaca_local_key";
    static final String SECRET = "alpaca_local_secret";
    static final String FIRM = "b0b6dd9d-8b9b-48a9-ba46-b9d54906e415";
    static final String STATUS_STREAM = "/alpaca/v2/events/journals/status";
    static final String DROPPED = ": messages were dropped, resume from your last event_id";

    final List<EventStreamConnection> connections = new ArrayList<>();

    @AfterEach
    void closeStreamsAndClearFaultsAndFlags() {
        connections.forEach(EventStreamConnection::close);
        control().delete().uri("/faults").exchange().expectStatus().isNoContent();
        control()
                .post()
                .uri("/alpaca/journals/reject-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 0))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aDepositJournalIsQueuedThenExecutedMovingTheCashFromTheFirm() {
        String user = newAccount();
        BigDecimal firmBefore = cash(FIRM);

        Map<String, Object> journal = journal(UUID.randomUUID().toString(), FIRM, user, "125.00")
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        String id = (String) journal.get("id");
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(journal)
                .containsEntry("entry_type", "JNLC")
                .containsEntry("from_account", FIRM)
                .containsEntry("to_account", user)
                .containsEntry("amount", "125.00")
                .containsEntry("status", "queued")
                .containsEntry("description", "deposit")
                .containsKeys("settle_date", "system_date");
        // the firm's cash leaves at once; the user's arrives when executed
        assertThat(firmBefore.subtract(cash(FIRM))).isGreaterThanOrEqualTo(new BigDecimal("125.00"));

        awaitStatus(id, "executed");
        alpaca().get()
                .uri("/v1/trading/accounts/{id}/account", user)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.cash")
                .isEqualTo("125.00")
                .jsonPath("$.buying_power")
                .isEqualTo("125.00")
                .jsonPath("$.cash_withdrawable")
                .isEqualTo("125.00")
                .jsonPath("$.status")
                .isEqualTo("ACTIVE")
                .jsonPath("$.id")
                .isEqualTo(user);
        control()
                .get()
                .uri("/alpaca/journals?account={a}", user)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1)
                .jsonPath("$.journals[0].id")
                .isEqualTo(id);
        control()
                .get()
                .uri("/alpaca/events?journal_id={id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.events[*].status_to")
                .isEqualTo(List.of("queued", "sent_to_clearing", "executed"));

        // and back: a withdrawal from the user to the firm
        String back = (String) journal(UUID.randomUUID().toString(), user, FIRM, "25")
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        assertThat(cash(user)).isEqualByComparingTo("100.00");
        awaitStatus(back, "executed");
    }

    @Test
    void theSameKeyAndBodyIsTheSameJournalAndADifferentBodyIs422() {
        String user = newAccount();
        String key = UUID.randomUUID().toString();
        String id = (String) journal(key, FIRM, user, "10")
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");

        journal(key, FIRM, user, "10.00")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(id);
        journal(key, FIRM, user, "10.01")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(42210000)
                .jsonPath("$.message")
                .isNotEmpty();
        journal("k".repeat(129), FIRM, user, "1").expectStatus().isEqualTo(422);

        awaitStatus(id, "executed");
        journal(key, FIRM, user, "10")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("executed");
        assertThat(cash(user)).isEqualByComparingTo("10.00");
        control()
                .get()
                .uri("/alpaca/journals?account={a}", user)
                .exchange()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1);
    }

    @Test
    void aJournalTheFromAccountCannotPayIs403AndLeavesTheKeyFree() {
        String user = newAccount();
        String key = UUID.randomUUID().toString();
        journal(key, user, FIRM, "0.01")
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(40310000)
                .jsonPath("$.message")
                .value(m -> assertThat((String) m).contains("insufficient"));

        control()
                .put()
                .uri("/alpaca/accounts/{id}/cash", user)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("cash", "0.01"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.cash")
                .isEqualTo("0.01");
        journal(key, user, FIRM, "0.01").expectStatus().isOk();
        assertThat(cash(user)).isEqualByComparingTo("0");
    }

    @Test
    void onlyCashJournalsBetweenTheFirmAndAKnownUserAccountAreMade() {
        String user = newAccount();
        String other = newAccount();
        journal(null, FIRM, UUID.randomUUID().toString(), "1")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(40410000);
        journal(null, user, other, "1").expectStatus().isEqualTo(422);
        journal(null, FIRM, FIRM, "1").expectStatus().isEqualTo(422);
        for (String amount : List.of("0", "0.00", "-1", "1.001", "abc", "1e3")) {
            journal(null, FIRM, user, amount).expectStatus().isEqualTo(422);
        }
        alpaca().post()
                .uri("/v1/journals")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("entry_type", "JNLS", "from_account", FIRM, "to_account", user, "amount", "1"))
                .exchange()
                .expectStatus()
                .isEqualTo(422);
        alpaca().post()
                .uri("/v1/journals")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(40010001);
        alpaca().get()
                .uri("/v1/journals/{id}", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(cash(user)).isEqualByComparingTo("0");
    }

    @Test
    void aRejectedJournalRefundsTheFromAccount() {
        String user = newAccount();
        BigDecimal firmBefore = cash(FIRM);
        control()
                .post()
                .uri("/alpaca/journals/reject-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 1))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.remaining")
                .isEqualTo(1);
        String rejected = (String) journal(UUID.randomUUID().toString(), FIRM, user, "7.00")
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        awaitStatus(rejected, "rejected");
        assertThat(cash(user)).isEqualByComparingTo("0");
        assertThat(cash(FIRM)).as("the firm refunded").isEqualByComparingTo(firmBefore);

        control()
                .put()
                .uri("/alpaca/accounts/{id}/rejecting", user)
                .exchange()
                .expectStatus()
                .isOk();
        String toRejecting = (String) journal(null, FIRM, user, "1")
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        awaitStatus(toRejecting, "rejected");
        control()
                .delete()
                .uri("/alpaca/accounts/{id}/rejecting", user)
                .exchange()
                .expectStatus()
                .isNoContent();
        String accepted = (String) journal(null, FIRM, user, "1")
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        awaitStatus(accepted, "executed");
        assertThat(cash(user)).isEqualByComparingTo("1.00");
        control()
                .get()
                .uri("/alpaca/journals?account={a}&status=rejected", user)
                .exchange()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(2);
    }

    @Test
    void anAccountIsOpenedOnceUnderAnIdempotencyKeyAndReadBack() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = accountBody("ada@example.com");
        Map<String, Object> account = alpaca().post()
                .uri("/v1/accounts")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat((String) account.get("account_number")).matches("9\\d{8}");
        assertThat(account)
                .containsEntry("status", "ACTIVE")
                .containsEntry("currency", "USD")
                .containsEntry("enabled_assets", List.of("us_equity"))
                .containsKey("created_at");

        alpaca().post()
                .uri("/v1/accounts")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(account.get("id"));
        alpaca().post()
                .uri("/v1/accounts")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(accountBody("grace@example.com"))
                .exchange()
                .expectStatus()
                .isEqualTo(422);
        alpaca().get()
                .uri("/v1/accounts/{id}", account.get("id"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.account_number")
                .isEqualTo(account.get("account_number"))
                .jsonPath("$.contact.email_address")
                .isEqualTo("ada@example.com")
                .jsonPath("$.identity.given_name")
                .isEqualTo("Ada");
        alpaca().post()
                .uri("/v1/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("contact", Map.of("email_address", "x@example.com")))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(42210000);
        alpaca().get()
                .uri("/v1/accounts/{id}", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(40410000);
    }

    @Test
    void requestsAndTheStreamNeedBasicAuthWithTheKeyAndSecret() {
        anonymous()
                .get()
                .uri("/alpaca/v1/accounts/{id}", FIRM)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(40110000);
        client(baseUrl())
                .defaultHeader("Authorization", basic(KEY, "wrong"))
                .build()
                .get()
                .uri("/alpaca/v1/accounts/{id}", FIRM)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        client(baseUrl())
                .defaultHeader("Authorization", "Basic not-base64!")
                .build()
                .get()
                .uri("/alpaca/v1/accounts/{id}", FIRM)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        anonymous().get().uri(STATUS_STREAM).exchange().expectStatus().isUnauthorized();
        alpaca().get()
                .uri("/v2/events/journals/status?since_id=nope")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(40010001);
    }

    @Test
    void theStreamSendsEachStatusChangeWithIncreasingIdsToEverySubscriberAndSinceIdReplaysWhatWasMissed() {
        EventStreamConnection first = connect("").awaitConnected();
        EventStreamConnection second = connect("").awaitConnected();
        assertThat(first.frames().get(0)).isEqualTo(":heartbeat");
        String user = newAccount();
        String id = (String) journal(null, FIRM, user, "3.00")
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");

        List<Map<String, Object>> events = first.awaitEvents(id, 3);
        assertThat(events)
                .extracting(e -> e.get("status_from") + ">" + e.get("status_to"))
                .containsExactly(">queued", "queued>sent_to_clearing", "sent_to_clearing>executed");
        assertThat(events)
                .extracting(e -> (String) e.get("event_id"))
                .isSorted()
                .doesNotHaveDuplicates()
                .allSatisfy(eventId -> assertThat(eventId).matches("[0-9A-HJKMNP-TV-Z]{26}"));
        assertThat(events.get(0)).containsEntry("entry_type", "JNLC").containsKey("at");
        assertThat(second.awaitEvents(id, 3)).isEqualTo(events);

        EventStreamConnection resumed = connect("?since_id=" + events.get(0).get("event_id"));
        assertThat(resumed.awaitEvents(id, 2)).isEqualTo(events.subList(1, 3));
        EventStreamConnection bounded = connect("?since_id=" + events.get(0).get("event_id") + "&until_id="
                + events.get(1).get("event_id"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> bounded.events(id).size() == 1);
        assertThat(bounded.events(id)).containsExactly(events.get(1));
    }

    @Test
    void aDroppedEventIsReplacedByTheDroppedCommentAndIsReplayedWithSinceId() {
        EventStreamConnection stream = connect("").awaitConnected();
        String user = newAccount();
        String before = (String) journal(null, FIRM, user, "1")
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        String lastSeen = (String) stream.awaitEvents(before, 3).get(2).get("event_id");

        deliveryFault("drop");
        String id = (String) journal(null, FIRM, user, "2")
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        awaitStatus(id, "executed");
        List<Map<String, Object>> received = stream.awaitEvents(id, 2);
        assertThat(received).extracting(e -> e.get("status_to")).containsExactly("sent_to_clearing", "executed");
        assertThat(stream.frames()).contains(DROPPED);

        EventStreamConnection resumed = connect("?since_id=" + lastSeen);
        assertThat(resumed.awaitEvents(id, 3))
                .extracting(e -> e.get("status_to"))
                .containsExactly("queued", "sent_to_clearing", "executed");
    }

    @Test
    void duplicateSendsAnEventTwiceAndReorderSwapsItWithTheNext() {
        EventStreamConnection stream = connect("").awaitConnected();
        String user = newAccount();

        deliveryFault("duplicate");
        String duplicated = (String) journal(null, FIRM, user, "1")
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        List<Map<String, Object>> copies = stream.awaitEvents(duplicated, 4);
        assertThat(copies.get(1)).isEqualTo(copies.get(0));

        deliveryFault("reorder");
        String reordered = (String) journal(null, FIRM, user, "1")
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        assertThat(stream.awaitEvents(reordered, 3))
                .extracting(e -> e.get("status_to"))
                .containsExactly("sent_to_clearing", "queued", "executed");
    }

    @Test
    void aRequestFaultAnswersInAlpacasErrorFormatWithoutAJournal() {
        String user = newAccount();
        control()
                .post()
                .uri("/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "partner",
                        "alpaca",
                        "method",
                        "POST",
                        "pathPattern",
                        "/v1/journals",
                        "status",
                        503,
                        "count",
                        1))
                .exchange()
                .expectStatus()
                .isCreated();
        String key = UUID.randomUUID().toString();

        journal(key, FIRM, user, "4.00")
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(50310000);
        journal(key, FIRM, user, "4.00").expectStatus().isOk();
        control()
                .get()
                .uri("/alpaca/journals?account={a}", user)
                .exchange()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1);
    }

    // --- helpers ---

    static String basic(String key, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    WebTestClient alpaca() {
        return client(baseUrl() + "/alpaca")
                .defaultHeader("Authorization", basic(KEY, SECRET))
                .build();
    }

    static Map<String, Object> accountBody(String email) {
        return Map.of(
                "contact",
                Map.of("email_address", email),
                "identity",
                Map.of("given_name", "Ada", "family_name", "Lovelace"));
    }

    String newAccount() {
        return (String) alpaca().post()
                .uri("/v1/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(accountBody("user@example.com"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    WebTestClient.ResponseSpec journal(String idempotencyKey, String from, String to, String amount) {
        WebTestClient.RequestBodySpec request = alpaca().post().uri("/v1/journals");
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "entry_type",
                        "JNLC",
                        "from_account",
                        from,
                        "to_account",
                        to,
                        "amount",
                        amount,
                        "description",
                        "deposit"))
                .exchange();
    }

    BigDecimal cash(String account) {
        return new BigDecimal((String) alpaca().get()
                .uri("/v1/trading/accounts/{id}/account", account)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("cash"));
    }

    void awaitStatus(String id, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> status.equals(alpaca().get()
                        .uri("/v1/journals/{id}", id)
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
                .bodyValue(Map.of("partner", "alpaca", "delivery", "journals.status", "kind", kind, "count", 1))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    EventStreamConnection connect(String query) {
        EventStreamConnection connection =
                new EventStreamConnection(baseUrl() + STATUS_STREAM + query, basic(KEY, SECRET));
        connections.add(connection);
        return connection;
    }
}
