package com.stack.sandbox.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
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
 * Alpaca's recipient banks and outgoing wires as funding-service uses them to pay a withdrawal out: a bank made
 * once per account number and bank code, a wire made once per idempotency key with the cash taken at once,
 * rejected on demand with the cash back, and every status change on the funding status event stream (resumable,
 * with the journal stream's delivery faults). The wires here go to a bank outside the sandbox.
 */
class AlpacaWireTransfersTest extends SandboxIntegrationTest {

    static final String STATUS_STREAM = "/alpaca/v2/events/funding/status";
    /** A routing number no emulated bank holds: the wire leaves the sandbox. */
    static final String OUTSIDE_ROUTING = "011000015";

    final List<EventStreamConnection> connections = new ArrayList<>();

    @AfterEach
    void closeStreamsAndClearFaultsAndFlags() {
        connections.forEach(EventStreamConnection::close);
        control().delete().uri("/faults").exchange().expectStatus().isNoContent();
        control()
                .post()
                .uri("/alpaca/transfers/reject-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 0))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aRecipientBankIsMadeOncePerAccountNumberAndBankCodeAndListed() {
        String user = newAccount();
        Map<String, Object> bank = createBank(user, OUTSIDE_ROUTING, "1234567890")
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(UUID.fromString((String) bank.get("id"))).isNotNull();
        assertThat(bank)
                .containsEntry("account_id", user)
                .containsEntry("name", "Due virtual account")
                .containsEntry("status", "APPROVED")
                .containsEntry("country", "US")
                .containsEntry("bank_code", OUTSIDE_ROUTING)
                .containsEntry("bank_code_type", "ABA")
                .containsEntry("account_number", "1234567890")
                .containsKey("created_at");

        createBank(user, OUTSIDE_ROUTING, "1234567890")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(40910000)
                .jsonPath("$.message")
                .isEqualTo("recipient bank already exists");
        // the same account number at another bank, or the same bank on another account, is another bank
        createBank(user, "026073150", "1234567890").expectStatus().isOk();
        createBank(newAccount(), OUTSIDE_ROUTING, "1234567890").expectStatus().isOk();

        alpaca().get()
                .uri("/v1/accounts/{id}/recipient_banks", user)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(2)
                .jsonPath("$[0].id")
                .isEqualTo(bank.get("id"));
        createBank(UUID.randomUUID().toString(), OUTSIDE_ROUTING, "1234567890")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(40410000);
        alpaca().get()
                .uri("/v1/accounts/{id}/recipient_banks", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();
        createBank(user, "12345", "1234567890")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(42210000);
        createBank(user, OUTSIDE_ROUTING, "12").expectStatus().isEqualTo(422);
        alpaca().post()
                .uri("/v1/accounts/{id}/recipient_banks", user)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name", "x", "bank_code", OUTSIDE_ROUTING, "bank_code_type", "IBAN", "account_number", "1234"))
                .exchange()
                .expectStatus()
                .isEqualTo(422);
    }

    @Test
    void theSameKeyAndBodyIsTheSameWireAndADifferentBodyIs422() {
        String user = fundedAccount("50.00");
        String bank = bankId(user);
        String key = UUID.randomUUID().toString();
        Map<String, Object> wire = wire(user, key, bank, "20.00")
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        String id = (String) wire.get("id");
        assertThat(wire)
                .containsEntry("account_id", user)
                .containsEntry("type", "wire")
                .containsEntry("status", "QUEUED")
                .containsEntry("amount", "20.00")
                .containsEntry("direction", "OUTGOING")
                .containsEntry("bank_id", bank)
                .containsEntry("additional_information", "STACK withdrawal " + key)
                .containsEntry("reason", null)
                .containsKeys("created_at", "updated_at");
        assertThat(cash(user)).as("the cash leaves at once").isEqualByComparingTo("30.00");

        wire(user, key, bank, "20")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(id);
        wire(user, key, bank, "20.01")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(42210000);
        awaitStatus(user, id, "COMPLETE");
        wire(user, key, bank, "20.00")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("COMPLETE");
        assertThat(cash(user)).isEqualByComparingTo("30.00");
        control()
                .get()
                .uri("/alpaca/transfers?account={a}", user)
                .exchange()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1);
        alpaca().get()
                .uri("/v1/accounts/{id}/transfers?direction=INCOMING", user)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(0);
    }

    @Test
    void aWireTheAccountCannotPayIs403AndLeavesTheKeyFreeAndAnUnknownBankIs422() {
        String user = fundedAccount("5.00");
        String bank = bankId(user);
        String key = UUID.randomUUID().toString();
        wire(user, key, bank, "5.01")
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(40310000)
                .jsonPath("$.message")
                .isEqualTo("insufficient funds");
        assertThat(cash(user)).isEqualByComparingTo("5.00");

        wire(user, null, UUID.randomUUID().toString(), "1").expectStatus().isEqualTo(422);
        wire(user, null, bankId(newAccount()), "1").expectStatus().isEqualTo(422);
        wire(user, null, "not-a-uuid", "1").expectStatus().isEqualTo(422);
        alpaca().post()
                .uri("/v1/accounts/{id}/transfers", user)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("transfer_type", "ach", "bank_id", bank, "amount", "1", "direction", "OUTGOING"))
                .exchange()
                .expectStatus()
                .isEqualTo(422);
        alpaca().post()
                .uri("/v1/accounts/{id}/transfers", user)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("transfer_type", "wire", "bank_id", bank, "amount", "1", "direction", "INCOMING"))
                .exchange()
                .expectStatus()
                .isEqualTo(422);
        assertThat(cash(user)).isEqualByComparingTo("5.00");

        wire(user, key, bank, "5.00").expectStatus().isOk();
        assertThat(cash(user)).isEqualByComparingTo("0");
    }

    @Test
    void aRejectedWireReturnsTheCashAndARejectingAccountRejectsEveryWire() {
        String user = fundedAccount("10.00");
        String bank = bankId(user);
        control()
                .post()
                .uri("/alpaca/transfers/reject-next")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 1))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.remaining")
                .isEqualTo(1);
        String rejected = (String) wire(user, null, bank, "4.00")
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        assertThat(cash(user)).isEqualByComparingTo("6.00");
        Map<String, Object> ended = awaitStatus(user, rejected, "REJECTED");
        assertThat((String) ended.get("reason")).isNotBlank();
        assertThat(cash(user)).as("the cash is back").isEqualByComparingTo("10.00");

        control()
                .put()
                .uri("/alpaca/accounts/{id}/rejecting-transfers", user)
                .exchange()
                .expectStatus()
                .isOk();
        String alsoRejected = (String) wire(user, null, bank, "1")
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        awaitStatus(user, alsoRejected, "REJECTED");
        control()
                .delete()
                .uri("/alpaca/accounts/{id}/rejecting-transfers", user)
                .exchange()
                .expectStatus()
                .isNoContent();
        String sent = (String) wire(user, null, bank, "1")
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        awaitStatus(user, sent, "COMPLETE");
        assertThat(cash(user)).isEqualByComparingTo("9.00");
        control()
                .put()
                .uri("/alpaca/accounts/{id}/rejecting-transfers", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();

        // newest first, as Alpaca lists them
        alpaca().get()
                .uri("/v1/accounts/{id}/transfers?direction=OUTGOING", user)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[*].id")
                .isEqualTo(List.of(sent, alsoRejected, rejected));
        control()
                .get()
                .uri("/alpaca/transfers?account={a}&status=REJECTED", user)
                .exchange()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(2);
    }

    @Test
    void theFundingStatusStreamSendsEachTransitionAndResumesWithSinceId() {
        EventStreamConnection stream = connect("").awaitConnected();
        assertThat(stream.frames().get(0)).isEqualTo(":heartbeat");
        String user = fundedAccount("3.00");
        String id = (String) wire(user, null, bankId(user), "3.00")
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");

        List<Map<String, Object>> events = stream.awaitEvents("transfer_id", id, 3);
        assertThat(events)
                .extracting(e -> e.get("status_from") + ">" + e.get("status_to"))
                .containsExactly(">QUEUED", "QUEUED>SENT_TO_CLEARING", "SENT_TO_CLEARING>COMPLETE");
        assertThat(events)
                .extracting(e -> (String) e.get("event_id"))
                .isSorted()
                .doesNotHaveDuplicates()
                .allSatisfy(eventId -> assertThat(eventId).matches("[0-9A-HJKMNP-TV-Z]{26}"));
        assertThat(events.get(0))
                .containsEntry("account_id", user)
                .containsEntry("direction", "OUTGOING")
                .containsEntry("type", "wire")
                .containsEntry("amount", "3.00")
                .containsKey("at");
        control()
                .get()
                .uri("/alpaca/funding-events?transfer_id={id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(3);

        EventStreamConnection resumed = connect("?since_id=" + events.get(0).get("event_id"));
        assertThat(resumed.awaitEvents("transfer_id", id, 2)).isEqualTo(events.subList(1, 3));
        alpaca().get()
                .uri("/v2/events/funding/status?since_id=nope")
                .exchange()
                .expectStatus()
                .isBadRequest();
        anonymous().get().uri(STATUS_STREAM).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theFundingStreamHasTheJournalStreamsDeliveryFaults() {
        EventStreamConnection stream = connect("").awaitConnected();
        String user = fundedAccount("2.00");
        String bank = bankId(user);

        deliveryFault("duplicate");
        String duplicated = (String) wire(user, null, bank, "1")
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        List<Map<String, Object>> copies = stream.awaitEvents("transfer_id", duplicated, 4);
        assertThat(copies.get(1)).isEqualTo(copies.get(0));
        String lastSeen = (String) copies.get(3).get("event_id");

        deliveryFault("drop");
        String dropped = (String) wire(user, null, bank, "1")
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        awaitStatus(user, dropped, "COMPLETE");
        assertThat(stream.awaitEvents("transfer_id", dropped, 2))
                .extracting(e -> e.get("status_to"))
                .containsExactly("SENT_TO_CLEARING", "COMPLETE");
        assertThat(stream.frames()).contains(": messages were dropped, resume from your last event_id");
        assertThat(connect("?since_id=" + lastSeen).awaitEvents("transfer_id", dropped, 3))
                .extracting(e -> e.get("status_to"))
                .containsExactly("QUEUED", "SENT_TO_CLEARING", "COMPLETE");
    }

    // --- helpers ---

    WebTestClient alpaca() {
        return client(baseUrl() + "/alpaca")
                .defaultHeader("Authorization", AlpacaBrokerTest.basic(AlpacaBrokerTest.KEY, AlpacaBrokerTest.SECRET))
                .build();
    }

    String newAccount() {
        return (String) alpaca().post()
                .uri("/v1/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(AlpacaBrokerTest.accountBody("user@example.com"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    String fundedAccount(String cash) {
        String user = newAccount();
        control()
                .put()
                .uri("/alpaca/accounts/{id}/cash", user)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("cash", cash))
                .exchange()
                .expectStatus()
                .isOk();
        return user;
    }

    WebTestClient.ResponseSpec createBank(String account, String routing, String accountNumber) {
        return alpaca().post()
                .uri("/v1/accounts/{id}/recipient_banks", account)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name",
                        "Due virtual account",
                        "bank_code",
                        routing,
                        "bank_code_type",
                        "ABA",
                        "account_number",
                        accountNumber))
                .exchange();
    }

    /** A new recipient bank of the account, outside the sandbox. */
    String bankId(String account) {
        return (String) createBank(
                        account, OUTSIDE_ROUTING, String.valueOf(System.nanoTime() % 1_000_000_000L + 1_000_000_000L))
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    /** An outgoing wire; its additional_information names the key (or "none"). */
    WebTestClient.ResponseSpec wire(String account, String idempotencyKey, String bankId, String amount) {
        WebTestClient.RequestBodySpec request = alpaca().post().uri("/v1/accounts/{id}/transfers", account);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "transfer_type",
                        "wire",
                        "bank_id",
                        bankId,
                        "amount",
                        amount,
                        "direction",
                        "OUTGOING",
                        "additional_information",
                        "STACK withdrawal " + (idempotencyKey == null ? "none" : idempotencyKey)))
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

    /** Waits until the transfer, found in the account's list as a client must, is in {@code status}; it then. */
    @SuppressWarnings("unchecked")
    Map<String, Object> awaitStatus(String account, String id, String status) {
        Map<String, Object>[] found = new Map[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    List<Map<String, Object>> listed = alpaca().get()
                            .uri("/v1/accounts/{id}/transfers", account)
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .expectBodyList(JSON_OBJECT)
                            .returnResult()
                            .getResponseBody();
                    found[0] = listed.stream()
                            .filter(transfer -> id.equals(transfer.get("id")))
                            .findFirst()
                            .orElseThrow();
                    return status.equals(found[0].get("status"));
                });
        return found[0];
    }

    void deliveryFault(String kind) {
        control()
                .post()
                .uri("/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("partner", "alpaca", "delivery", "funding.status", "kind", kind, "count", 1))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    EventStreamConnection connect(String query) {
        EventStreamConnection connection = new EventStreamConnection(
                baseUrl() + STATUS_STREAM + query,
                AlpacaBrokerTest.basic(AlpacaBrokerTest.KEY, AlpacaBrokerTest.SECRET));
        connections.add(connection);
        return connection;
    }
}
