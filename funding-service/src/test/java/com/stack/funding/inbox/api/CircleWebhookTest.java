package com.stack.funding.inbox.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.stack.contracts.chains.EthereumAddress;
import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.Topics;
import com.stack.contracts.events.v1.WalletCreated;
import com.stack.defaults.messaging.EventCodec;
import com.stack.defaults.messaging.MessagingProperties;
import com.stack.defaults.messaging.transport.MessageTransport;
import com.stack.defaults.messaging.transport.OutgoingMessage;
import com.stack.funding.FundingServiceTest;
import com.stack.funding.inbox.app.PartnerInboxProcessor;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What tests of Circle's webhook share: signed deliveries from the Circle test double, users whose wallets
 * the wallet service announced over the real broker, and reads of the service's tables.
 */
abstract class CircleWebhookTest extends FundingServiceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration EVENTUALLY = Duration.ofSeconds(60);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String BALANCE_OF_USER = """
            query($representations: [_Any!]!) {
              _entities(representations: $representations) {
                ... on User {
                  balance { pendingDepositsUsd buyingPowerUsd }
                  deposits { edges { node { id chain txHash amountUsdc status } } }
                }
              }
            }""";

    /** The key Circle signs with in these tests, unless a test says otherwise. */
    static final String KEY = CIRCLE.newKey();

    @Autowired
    DatabaseClient db;

    @Autowired
    MessageTransport transport;

    @Autowired
    EventCodec codec;

    @Autowired
    MessagingProperties messaging;

    @Autowired
    MeterRegistry meters;

    @Autowired
    PartnerInboxProcessor processor;

    WebClient http;

    @BeforeEach
    void client() {
        http = WebClient.create("http://127.0.0.1:" + port);
    }

    // --- what Circle sends ---

    record Delivery(String keyId, String signature, String body) {}

    /** Circle's token id of USDC on ETH-SEPOLIA, the sandbox's (and funding's default) for Ethereum. */
    static final String USDC_ON_ETHEREUM = "5797fbd6-3795-519d-84ca-ec4c5f80c3b1";

    static String inbound(
            String notificationId,
            Instant timestamp,
            String blockchain,
            String address,
            String amount,
            String txHash,
            String state) {
        return inbound(notificationId, timestamp, blockchain, USDC_ON_ETHEREUM, address, amount, txHash, state);
    }

    static String inbound(
            String notificationId,
            Instant timestamp,
            String blockchain,
            String tokenId,
            String address,
            String amount,
            String txHash,
            String state) {
        return """
                {"subscriptionId":"%s","notificationId":"%s","notificationType":"transactions.inbound",\
                "notification":{"id":"%s","blockchain":"%s","tokenId":"%s",\
                "walletId":"%s","sourceAddress":"0x0000000000000000000000000000000000000001",\
                "destinationAddress":"%s","transactionType":"INBOUND","custodyType":"DEVELOPER","state":"%s",\
                "amounts":["%s"],"nfts":null,"txHash":"%s","blockHash":"0xabc","blockHeight":123,\
                "networkFee":"0.000001","createDate":"%s","updateDate":"%s"},\
                "timestamp":"%s","version":2}""".formatted(
                        UUID.randomUUID(),
                        notificationId,
                        UUID.randomUUID(),
                        blockchain,
                        tokenId,
                        UUID.randomUUID(),
                        address,
                        state,
                        amount,
                        txHash,
                        timestamp,
                        timestamp,
                        timestamp);
    }

    static Delivery signed(String body) {
        return new Delivery(KEY, CIRCLE.sign(KEY, body), body);
    }

    HttpStatus deliver(Delivery delivery) {
        return deliverAsync(delivery).block(TIMEOUT);
    }

    Mono<HttpStatus> deliverAsync(Delivery delivery) {
        return http.post()
                .uri("/webhooks/circle")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (delivery.keyId() != null) {
                        headers.set("X-Circle-Key-Id", delivery.keyId());
                    }
                    if (delivery.signature() != null) {
                        headers.set("X-Circle-Signature", delivery.signature());
                    }
                })
                .bodyValue(delivery.body().getBytes(StandardCharsets.UTF_8))
                .exchangeToMono(response -> response.releaseBody()
                        .thenReturn(HttpStatus.valueOf(response.statusCode().value())));
    }

    // --- the user and their wallet ---

    record UserWallet(String subject, UUID userId, String address) {}

    static String ethereumAddress() {
        byte[] bytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(bytes);
        StringBuilder hex = new StringBuilder("0x");
        for (byte b : bytes) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    static String txHash() {
        return ethereumAddress() + ethereumAddress().substring(2, 26);
    }

    /** A user whose Ethereum wallet the wallet service announced (EIP-55 checksummed; Circle writes it in lower case). */
    UserWallet userWithWallet() {
        return userWithWallet(ethereumAddress());
    }

    /** A user whose Ethereum wallet at {@code address} (lower case) the wallet service announced. */
    UserWallet userWithWallet(String address) {
        String subject = newSubject();
        UUID userId = userIdOf(subject);
        UUID walletId = UUID.randomUUID();
        announce(walletCreated(userId, walletId, address));
        await().atMost(EVENTUALLY)
                .untilAsserted(() -> assertThat(count("SELECT count(*) FROM known_wallets WHERE wallet_id = '"
                                + walletId + "' AND user_id = '" + userId + "' AND address = '" + address
                                + "' AND chain = 'ethereum'"))
                        .isEqualTo(1));
        return new UserWallet(subject, userId, address);
    }

    static EventEnvelope<WalletCreated> walletCreated(UUID userId, UUID walletId, String address) {
        return EventEnvelope.of(
                "/stack/wallet-service",
                new WalletCreated(
                        userId,
                        walletId,
                        "ETHEREUM",
                        EthereumAddress.checksum(HexFormat.of().parseHex(address.substring(2))),
                        Instant.now(),
                        UUID.randomUUID().toString()));
    }

    /** Sends the event over the real broker, as the wallet service's outbox relay would. */
    void announce(EventEnvelope<WalletCreated> event) {
        OutgoingMessage message = new OutgoingMessage(
                messaging.topic(Topics.WALLET),
                event.subject(),
                codec.payloadJson(event.data()).getBytes(StandardCharsets.UTF_8),
                codec.headers(event),
                0);
        assertThat(transport.send(Flux.just(message)).collectList().block(TIMEOUT))
                .allMatch(outcome -> outcome.succeeded());
    }

    // --- reading the service's state ---

    long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block(TIMEOUT);
    }

    record InboxRow(String outcome, String detail, int attempts) {}

    InboxRow processed(String notificationId) {
        await().atMost(EVENTUALLY)
                .until(() -> count("SELECT count(*) FROM partner_inbox WHERE event_id = '" + notificationId
                                + "' AND processed_at IS NOT NULL")
                        == 1);
        return db.sql(
                        "SELECT outcome, outcome_detail, attempts FROM partner_inbox WHERE partner = 'circle' AND event_id = :id")
                .bind("id", notificationId)
                .map(row -> new InboxRow(
                        row.get("outcome", String.class),
                        row.get("outcome_detail", String.class),
                        row.get("attempts", Integer.class)))
                .one()
                .block(TIMEOUT);
    }

    long depositsOf(String txHash) {
        return count("SELECT count(*) FROM deposits WHERE tx_hash = '" + txHash + "'");
    }

    Map<String, Object> deposit(String txHash) {
        return db.sql("SELECT id, user_id, status, version, amount_stablecoin, partner_transfer_id FROM deposits"
                        + " WHERE chain = 'ethereum' AND tx_hash = :tx")
                .bind("tx", txHash)
                .fetch()
                .one()
                .block(TIMEOUT);
    }

    long journalsOf(Object depositId) {
        return count(
                "SELECT count(*) FROM ledger_journal WHERE reference = 'deposit:" + depositId + ":confirmed_on_chain'");
    }

    List<JsonNode> depositEvents(UUID userId) {
        return db.sql("SELECT payload FROM outbox_events WHERE event_type = 'com.stack.funding.DepositStatusChanged'"
                        + " AND partition_key = :user ORDER BY id")
                .bind("user", userId.toString())
                .map(row -> JSON.readTree(row.get("payload", String.class)))
                .all()
                .collectList()
                .block(TIMEOUT);
    }
}
