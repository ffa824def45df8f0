package com.stack.sandbox.circle.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.stack.sandbox.CallbackReceiver.Received;
import com.stack.sandbox.EntitySecretCiphertexts;
import com.stack.sandbox.circle.CircleWebhookTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriBuilder;

/**
 * Circle's {@code GET /v1/w3s/transactions} (listTransactions): the simulated chain's inbound transfers
 * in their final state and the wallets' outbound transfers, newest first, filtered and paged as Circle
 * does. Other tests share the sandbox: every list here is narrowed to the test's own wallets.
 */
class CircleListTransactionsTest extends CircleWebhookTest {

    static final String ETH_SEPOLIA_USDC = "5797fbd6-3795-519d-84ca-ec4c5f80c3b1";
    static final String SOL_DEVNET_USDC = "8fb3cadb-0ef4-573d-8fcd-e194f961c728";
    static final Comparator<Map<String, Object>> NEWEST_FIRST = Comparator.comparing(
                    (Map<String, Object> transaction) -> Instant.parse((String) transaction.get("createDate")))
            .thenComparing(transaction -> (String) transaction.get("id"))
            .reversed();

    EntitySecretCiphertexts ciphertexts;

    @BeforeEach
    void entityKey() {
        ciphertexts = entityCiphertexts();
    }

    @Test
    void anInboundTransferIsListedInItsFinalStateAsItsNotificationsShowedIt() {
        subscribe("listed-inbound");
        Map<String, Object> wallet = newWallet("ETH-SEPOLIA", ciphertexts);
        Map<String, Object> complete = chainTransfer(Map.of("address", wallet.get("address"), "amount", "125.000000"));
        nextMillisecond();
        Map<String, Object> failed = chainTransfer(
                Map.of("address", wallet.get("address"), "amount", "3", "states", List.of("SENT", "FAILED")));

        List<Map<String, Object>> listed = list(Map.of("walletIds", (String) wallet.get("id")));

        assertThat(ids(listed)).containsExactly((String) failed.get("id"), (String) complete.get("id"));
        Map<String, Object> first = listed.get(1);
        assertThat(first)
                .containsOnlyKeys(
                        "id",
                        "blockchain",
                        "tokenId",
                        "walletId",
                        "destinationAddress",
                        "amounts",
                        "txHash",
                        "state",
                        "transactionType",
                        "createDate",
                        "updateDate");
        assertThat(first)
                .containsEntry("transactionType", "INBOUND")
                .containsEntry("state", "COMPLETE")
                .containsEntry("blockchain", "ETH-SEPOLIA")
                .containsEntry("tokenId", ETH_SEPOLIA_USDC)
                .containsEntry("walletId", wallet.get("id"))
                .containsEntry("destinationAddress", wallet.get("address"))
                .containsEntry("amounts", List.of("125.000000"))
                .containsEntry("txHash", complete.get("txHash"));
        assertThat(listed.get(0))
                .containsEntry("transactionType", "INBOUND")
                .containsEntry("state", "FAILED")
                .containsEntry("amounts", List.of("3"))
                .containsEntry("txHash", failed.get("txHash"));

        // the createDate the notifications carried; the list shows the transfer as of then
        List<Received> posts = notifications("listed-inbound", (String) complete.get("id"), 2);
        Map<String, Object> notified = object(verified(posts.get(1)), "notification");
        assertThat(notified).containsEntry("state", "COMPLETE");
        assertThat(first)
                .containsEntry("createDate", notified.get("createDate"))
                .containsEntry("updateDate", notified.get("createDate"));
        assertThat(listed.get(0).get("updateDate")).isEqualTo(listed.get(0).get("createDate"));
        assertThat(Instant.parse((String) listed.get(0).get("createDate")))
                .isAfter(Instant.parse((String) first.get("createDate")));
        // the same answer again: nothing in it depends on when it is asked
        assertThat(list(Map.of("walletIds", (String) wallet.get("id")))).isEqualTo(listed);
    }

    @Test
    void inboundAndOutboundTransactionsAreFilteredNewestFirst() {
        Scenario s = scenario();

        assertThat(ids(list(Map.of("walletIds", s.walletIds())))).containsExactly(s.in3, s.out2, s.in2, s.out1, s.in1);
        assertThat(ids(list(Map.of("walletIds", (String) s.eth.get("id")))))
                .containsExactly(s.in3, s.out2, s.out1, s.in1);
        assertThat(ids(list(Map.of("walletIds", " " + s.sol.get("id") + " ,")))).containsExactly(s.in2);
        assertThat(ids(list(Map.of("walletIds", UUID.randomUUID().toString())))).isEmpty();

        List<Map<String, Object>> inbound = list(Map.of("walletIds", s.walletIds(), "txType", "INBOUND"));
        assertThat(ids(inbound)).containsExactly(s.in3, s.in2, s.in1);
        assertThat(inbound)
                .extracting(transaction -> transaction.get("state"))
                .containsExactly("CONFIRMED", "COMPLETE", "COMPLETE");
        assertThat(inbound.get(1))
                .containsEntry("blockchain", "SOL-DEVNET")
                .containsEntry("tokenId", SOL_DEVNET_USDC)
                .containsEntry("walletId", s.sol.get("id"))
                .containsEntry("amounts", List.of("5"));

        List<Map<String, Object>> outbound = list(Map.of("walletIds", s.walletIds(), "txType", "OUTBOUND"));
        assertThat(ids(outbound)).containsExactly(s.out2, s.out1);
        Map<String, Object> out1 = outbound.get(1);
        assertThat(out1)
                .containsEntry("transactionType", "OUTBOUND")
                .containsEntry("state", "COMPLETE")
                .containsEntry("walletId", s.eth.get("id"))
                .containsEntry("sourceAddress", s.eth.get("address"))
                .containsEntry("destinationAddress", s.destination1)
                .containsEntry("amounts", List.of("1.5"))
                .containsEntry("tokenId", ETH_SEPOLIA_USDC)
                .containsEntry("operation", "TRANSFER")
                .containsEntry("custodyType", "DEVELOPER")
                .containsEntry("feeLevel", "MEDIUM")
                .containsEntry("refId", "list-1");
        assertThat((String) out1.get("txHash")).matches("0x[0-9a-f]{64}");
        // exactly as the transaction is read on its own
        assertThat(out1).isEqualTo(transaction(s.out1));

        assertThat(ids(list(Map.of("walletIds", s.walletIds(), "blockchain", "SOL-DEVNET"))))
                .containsExactly(s.in2);
        assertThat(ids(list(Map.of("walletIds", s.walletIds(), "blockchain", "ETH-SEPOLIA", "txType", "INBOUND"))))
                .containsExactly(s.in3, s.in1);
        assertThat(ids(list(Map.of("walletIds", s.walletIds(), "destinationAddress", s.destination1.toLowerCase()))))
                .containsExactly(s.out1);
        assertThat(ids(list(Map.of("walletIds", s.walletIds(), "destinationAddress", (String) s.eth.get("address")))))
                .containsExactly(s.in3, s.in1);
        assertThat(ids(list(Map.of("walletIds", s.walletIds(), "txHash", s.in2Hash))))
                .containsExactly(s.in2);
        assertThat(ids(list(Map.of("walletIds", s.walletIds(), "txHash", (String) out1.get("txHash")))))
                .containsExactly(s.out1);
        assertThat(ids(list(Map.of("walletIds", s.walletIds(), "state", "CONFIRMED"))))
                .containsExactly(s.in3);
        assertThat(ids(list(Map.of("walletIds", s.walletIds(), "state", "COMPLETE", "txType", "OUTBOUND"))))
                .containsExactly(s.out2, s.out1);
    }

    @Test
    void fromAndToAreInclusiveOnTheCreateDate() {
        Scenario s = scenario();
        List<Map<String, Object>> all = list(Map.of("walletIds", s.walletIds()));
        Instant in2 = Instant.parse((String) all.get(2).get("createDate"));
        assertThat(all.get(2)).containsEntry("id", s.in2);

        assertThat(ids(list(Map.of("walletIds", s.walletIds(), "from", in2.toString(), "to", in2.toString()))))
                .containsExactly(s.in2);
        assertThat(ids(list(Map.of("walletIds", s.walletIds(), "from", in2.toString()))))
                .containsExactly(s.in3, s.out2, s.in2);
        assertThat(ids(list(Map.of("walletIds", s.walletIds(), "to", in2.toString()))))
                .containsExactly(s.in2, s.out1, s.in1);
        assertThat(ids(list(Map.of(
                        "walletIds", s.walletIds(), "from", in2.plusMillis(1).toString()))))
                .containsExactly(s.in3, s.out2);
        assertThat(ids(list(Map.of(
                        "walletIds", s.walletIds(), "to", in2.minusMillis(1).toString()))))
                .containsExactly(s.out1, s.in1);
        // any offset: the same instant two hours ahead
        String plusTwo = in2.atOffset(ZoneOffset.ofHours(2)).toString();
        assertThat(ids(list(Map.of("walletIds", s.walletIds(), "from", plusTwo, "to", plusTwo))))
                .containsExactly(s.in2);
        assertThat(ids(list(Map.of(
                        "walletIds",
                        s.walletIds(),
                        "from",
                        in2.plusMillis(1).toString(),
                        "to",
                        in2.minusMillis(1).toString()))))
                .isEmpty();
    }

    @Test
    void pageAfterWalksTheWholeListOnceNewestFirstAndPageBeforeWalksBack() {
        Scenario s = scenario();
        List<String> all = List.of(s.in3, s.out2, s.in2, s.out1, s.in1);
        assertThat(ids(list(Map.of("walletIds", s.walletIds())))).isEqualTo(all);

        List<List<String>> pages = new ArrayList<>();
        List<String> page = ids(list(Map.of("walletIds", s.walletIds(), "pageSize", "2")));
        while (!page.isEmpty()) {
            pages.add(page);
            String last = page.get(page.size() - 1);
            page = ids(list(Map.of("walletIds", s.walletIds(), "pageSize", "2", "pageAfter", last)));
        }
        assertThat(pages).containsExactly(List.of(s.in3, s.out2), List.of(s.in2, s.out1), List.of(s.in1));
        assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(all).doesNotHaveDuplicates();

        assertThat(ids(list(Map.of("walletIds", s.walletIds(), "pageSize", "2", "pageBefore", s.in1))))
                .containsExactly(s.in2, s.out1);
        assertThat(ids(list(Map.of("walletIds", s.walletIds(), "pageSize", "2", "pageBefore", s.in2))))
                .containsExactly(s.in3, s.out2);
        assertThat(ids(list(Map.of("walletIds", s.walletIds(), "pageSize", "2", "pageBefore", s.out2))))
                .containsExactly(s.in3);
        assertThat(ids(list(Map.of("walletIds", s.walletIds(), "pageBefore", s.in3))))
                .isEmpty();
        assertThat(ids(list(Map.of("walletIds", s.walletIds(), "pageBefore", s.in1))))
                .containsExactly(s.in3, s.out2, s.in2, s.out1);
        assertThat(ids(list(Map.of("walletIds", s.walletIds(), "pageSize", "3", "pageAfter", s.out2))))
                .containsExactly(s.in2, s.out1, s.in1);

        // an id that is not in the filtered list: an empty page, not an error
        assertThat(list(Map.of(
                        "walletIds",
                        s.walletIds(),
                        "pageAfter",
                        UUID.randomUUID().toString())))
                .isEmpty();
        assertThat(list(Map.of("walletIds", s.walletIds(), "txType", "INBOUND", "pageAfter", s.out2)))
                .isEmpty();
        assertThat(list(Map.of("walletIds", s.walletIds(), "txType", "INBOUND", "pageBefore", s.out1)))
                .isEmpty();
    }

    @Test
    void aPageHoldsTenTransactionsByDefaultAndAtMostFifty() {
        Map<String, Object> wallet = newWallet("ETH-SEPOLIA", ciphertexts);
        List<String> made = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            made.add((String) chainTransfer(Map.of(
                            "address",
                            wallet.get("address"),
                            "amount",
                            String.valueOf(i),
                            "states",
                            List.of("COMPLETE")))
                    .get("id"));
        }

        List<Map<String, Object>> first = list(Map.of("walletIds", (String) wallet.get("id")));
        assertThat(first).hasSize(10).isSortedAccordingTo(NEWEST_FIRST);
        List<Map<String, Object>> every = list(Map.of("walletIds", (String) wallet.get("id"), "pageSize", "50"));
        assertThat(every).hasSize(12);
        assertThat(every.subList(0, 10)).isEqualTo(first);
        assertThat(ids(every)).containsExactlyInAnyOrderElementsOf(made);
        assertThat(list(Map.of("walletIds", (String) wallet.get("id"), "pageAfter", (String)
                        first.get(9).get("id"))))
                .isEqualTo(every.subList(10, 12));
    }

    @Test
    void invalidParametersAreRefusedInCirclesValidationFormat() {
        for (String size : List.of("0", "51", "-1", "ten", "2.5")) {
            refused(Map.of("pageSize", size))
                    .jsonPath("$.code")
                    .isEqualTo(2)
                    .jsonPath("$.message")
                    .isEqualTo("API parameter invalid")
                    .jsonPath("$.errors.length()")
                    .isEqualTo(1)
                    .jsonPath("$.errors[0].error")
                    .isEqualTo("invalid_value")
                    .jsonPath("$.errors[0].location")
                    .isEqualTo("pageSize")
                    .jsonPath("$.errors[0].message")
                    .isEqualTo("pageSize must be an integer from 1 to 50");
        }
        refused(Map.of("txType", "SIDEWAYS"))
                .jsonPath("$.code")
                .isEqualTo(2)
                .jsonPath("$.errors[0].error")
                .isEqualTo("invalid_value")
                .jsonPath("$.errors[0].location")
                .isEqualTo("txType")
                .jsonPath("$.errors[0].message")
                .isEqualTo("txType must be one of [INBOUND, OUTBOUND]");
        refused(Map.of("txType", "inbound")).jsonPath("$.errors[0].location").isEqualTo("txType");
        refused(Map.of("from", "yesterday"))
                .jsonPath("$.code")
                .isEqualTo(2)
                .jsonPath("$.errors[0].location")
                .isEqualTo("from")
                .jsonPath("$.errors[0].error")
                .isEqualTo("invalid_value");
        refused(Map.of("to", "2026-11-22")).jsonPath("$.errors[0].location").isEqualTo("to");
        refused(Map.of(
                        "pageAfter",
                        UUID.randomUUID().toString(),
                        "pageBefore",
                        UUID.randomUUID().toString()))
                .jsonPath("$.errors[0].location")
                .isEqualTo("pageBefore");
        // every broken parameter at once, in the order Circle's validation checks them here
        refused(Map.of("pageSize", "0", "to", "soon", "txType", "BOTH", "from", "x"))
                .jsonPath("$.errors[*].location")
                .isEqualTo(List.of("txType", "from", "to", "pageSize"));
    }

    @Test
    void theApiKeyIsRequired() {
        anonymous()
                .get()
                .uri("/circle/v1/w3s/transactions")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(401)
                .jsonPath("$.message")
                .isNotEmpty();
        client(baseUrl())
                .defaultHeader("Authorization", "Bearer TEST_API_KEY:wrong:key")
                .build()
                .get()
                .uri("/circle/v1/w3s/transactions?txType=SIDEWAYS")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(401);
        circle().get()
                .uri("/v1/w3s/transactions")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.transactions")
                .isArray();
    }

    // --- helpers ---

    /**
     * Two wallets and five transactions, each in a millisecond of its own, oldest first: {@code in1} (20
     * USDC into {@code eth}), {@code out1} (1.5 out of {@code eth}), {@code in2} (5 into {@code sol}),
     * {@code out2} (2 out of {@code eth}), {@code in3} (7 into {@code eth}, announced CONFIRMED only). The
     * outbound ones are COMPLETE when it returns.
     */
    Scenario scenario() {
        Map<String, Object> eth = newWallet("ETH-SEPOLIA", ciphertexts);
        Map<String, Object> sol = newWallet("SOL-DEVNET", ciphertexts);
        String destination1 = ethereumAddress();
        String in1 = (String) chainTransfer(Map.of("address", eth.get("address"), "amount", "20"))
                .get("id");
        nextMillisecond();
        String out1 = acceptedId(transfer(eth, destination1, "1.500000", "list-1"));
        nextMillisecond();
        Map<String, Object> in2 = chainTransfer(Map.of("address", sol.get("address"), "amount", "5"));
        nextMillisecond();
        String out2 = acceptedId(transfer(eth, ethereumAddress(), "2", null));
        nextMillisecond();
        String in3 = (String)
                chainTransfer(Map.of("address", eth.get("address"), "amount", "7", "states", List.of("CONFIRMED")))
                        .get("id");
        awaitState(out1, "COMPLETE");
        awaitState(out2, "COMPLETE");
        return new Scenario(
                eth, sol, destination1, in1, out1, (String) in2.get("id"), (String) in2.get("txHash"), out2, in3);
    }

    record Scenario(
            Map<String, Object> eth,
            Map<String, Object> sol,
            String destination1,
            String in1,
            String out1,
            String in2,
            String in2Hash,
            String out2,
            String in3) {

        String walletIds() {
            return eth.get("id") + "," + sol.get("id");
        }
    }

    /** Lets the clock move on, so that what comes next has a later createDate (milliseconds). */
    static void nextMillisecond() {
        Instant now = Instant.now();
        Awaitility.await()
                .pollDelay(Duration.ofMillis(2))
                .atMost(Duration.ofSeconds(1))
                .until(() -> Instant.now().toEpochMilli() > now.toEpochMilli());
    }

    /** The transactions of {@code GET /v1/w3s/transactions} with {@code params} (sent encoded, as URI variables). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(Map<String, String> params) {
        Map<String, Object> body = request(params)
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(body).containsOnlyKeys("data");
        assertThat(data(body)).containsOnlyKeys("transactions");
        List<Map<String, Object>> transactions =
                (List<Map<String, Object>>) data(body).get("transactions");
        assertThat(transactions).isSortedAccordingTo(NEWEST_FIRST);
        return transactions;
    }

    WebTestClient.BodyContentSpec refused(Map<String, String> params) {
        return request(params)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody();
    }

    WebTestClient.ResponseSpec request(Map<String, String> params) {
        return circle().get()
                .uri(uri -> {
                    UriBuilder builder = uri.path("/v1/w3s/transactions");
                    params.keySet().forEach(name -> builder.queryParam(name, "{" + name + "}"));
                    return builder.build(params);
                })
                .exchange();
    }

    static List<String> ids(List<Map<String, Object>> transactions) {
        return transactions.stream()
                .map(transaction -> (String) transaction.get("id"))
                .toList();
    }

    Map<String, Object> chainTransfer(Map<String, Object> body) {
        return control()
                .post()
                .uri("/chain/transfers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    /** A transfer of USDC on Ethereum Sepolia from {@code wallet}, with a fresh ciphertext and key. */
    Map<String, Object> transfer(Map<String, Object> wallet, String destination, String amount, String refId) {
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
                ETH_SEPOLIA_USDC,
                "feeLevel",
                "MEDIUM"));
        if (refId != null) {
            body.put("refId", refId);
        }
        return body;
    }

    String acceptedId(Map<String, Object> body) {
        return (String) data(circle().post()
                        .uri("/v1/w3s/developer/transactions/transfer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body)
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody(JSON_OBJECT)
                        .returnResult()
                        .getResponseBody())
                .get("id");
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

    void awaitState(String id, String state) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> state.equals(transaction(id).get("state")));
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
