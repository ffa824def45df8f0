package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Partner webhooks through the gateway, as an attacker or a misbehaving network would send them: the same
 * Circle notification five times, forged ones, one re-signed with another key under Circle's key id, a
 * replay of an old one; and Circle's payout event arriving after the broker already reported the funding.
 * Bodies are signed by the sandbox's Circle key through its signing oracle where a valid signature is
 * the point.
 */
class PartnerWebhookSecurityTest {

    static StackSuite suite;
    static DepositFlows flows;

    @BeforeAll
    static void startSuite() {
        suite = StackSuite.shared();
        flows = new DepositFlows(suite, suite.gatewayUrl());
    }

    @AfterEach
    void noFaultsLeft() {
        flows.clearFaults();
    }

    static String inbound(String notificationId, Instant timestamp, String address, String amount, String txHash) {
        return inbound(notificationId, timestamp, address, amount, txHash, "5797fbd6-3795-519d-84ca-ec4c5f80c3b1");
    }

    /** Circle's inbound-transfer notification of {@code tokenId} (the deployment's USDC on Ethereum by default). */
    static String inbound(
            String notificationId, Instant timestamp, String address, String amount, String txHash, String tokenId) {
        return """
                {"subscriptionId":"%s","notificationId":"%s","notificationType":"transactions.inbound",\
                "notification":{"id":"%s","blockchain":"ETH","tokenId":"%s",\
                "walletId":"%s","sourceAddress":"0x0000000000000000000000000000000000000001",\
                "destinationAddress":"%s","transactionType":"INBOUND","custodyType":"DEVELOPER","state":"COMPLETE",\
                "amounts":["%s"],"txHash":"%s","createDate":"%s","updateDate":"%s"},\
                "timestamp":"%s","version":2}""".formatted(
                        UUID.randomUUID(),
                        notificationId,
                        UUID.randomUUID(),
                        tokenId,
                        UUID.randomUUID(),
                        address,
                        amount,
                        txHash,
                        timestamp,
                        timestamp,
                        timestamp);
    }

    static String txHash() {
        return "0x"
                + HexFormat.of()
                        .formatHex(UUID.randomUUID().toString().repeat(2).getBytes(), 0, 32);
    }

    /** The sandbox's Circle key's signature of {@code body}: {keyId, signature}. */
    Map<String, Object> circleSigned(String body) {
        return flows.sandbox()
                .post()
                .uri("/sandbox/circle/notifications/sign")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(DepositFlows.JSON)
                .block(DepositFlows.WITHIN);
    }

    int deliver(String path, Map<String, String> headers, String body) {
        return WebClient.create(suite.gatewayUrl())
                .post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> headers.forEach(h::set))
                .bodyValue(body)
                .exchangeToMono(response ->
                        response.releaseBody().thenReturn(response.statusCode().value()))
                .block(DepositFlows.WITHIN);
    }

    int deliverToCircleWebhook(String keyId, String signature, String body) {
        return deliver("/webhooks/circle", Map.of("X-Circle-Key-Id", keyId, "X-Circle-Signature", signature), body);
    }

    String storedNotifications(String notificationId) {
        return suite.queryOne(
                "funding", "SELECT count(*) FROM partner_inbox WHERE event_id = '" + notificationId + "'");
    }

    String depositsOf(String tx) {
        return suite.queryOne("funding", "SELECT count(*) FROM deposits WHERE tx_hash = '" + tx + "'");
    }

    @Test
    void theSameCircleNotificationFiveTimesMakesOneDepositFundedOnce() {
        GatewayClient client = flows.approvedUserWithWallets();
        String body = inbound(
                UUID.randomUUID().toString(),
                Instant.now(),
                flows.walletAddress(client, "ETHEREUM"),
                "125.000000",
                txHash());
        Map<String, Object> signed = circleSigned(body);

        for (int i = 0; i < 5; i++) {
            assertThat(deliverToCircleWebhook((String) signed.get("keyId"), (String) signed.get("signature"), body))
                    .isEqualTo(200);
        }

        flows.onlyDepositIn(client, "BROKER_FUNDED");
        await().during(Duration.ofSeconds(2))
                .atMost(DepositFlows.WITHIN)
                .untilAsserted(() -> assertThat(flows.deposits(client)).hasSize(1));
        assertThat(flows.balance(client)).containsEntry("buyingPowerUsd", "125.00");
        flows.assertLedgerBalanced("funding");
    }

    @Test
    void aWorthlessTokenSentToADepositAddressIsNeverBuyingPower() {
        GatewayClient client = flows.approvedUserWithWallets();
        String notificationId = UUID.randomUUID().toString();
        String tx = txHash();
        // genuinely signed by Circle: an attacker's own token really did arrive at the user's address
        String body = inbound(
                notificationId,
                Instant.now(),
                flows.walletAddress(client, "ETHEREUM"),
                "1000000.000000",
                tx,
                UUID.randomUUID().toString());
        Map<String, Object> signed = circleSigned(body);
        assertThat(deliverToCircleWebhook((String) signed.get("keyId"), (String) signed.get("signature"), body))
                .isEqualTo(200);

        await().atMost(DepositFlows.WITHIN)
                .untilAsserted(() -> assertThat(suite.queryOne(
                                "funding",
                                "SELECT outcome || ': ' || outcome_detail FROM partner_inbox WHERE event_id = '"
                                        + notificationId + "'"))
                        .startsWith("ignored: token ")
                        .contains("is not USDC"));
        assertThat(depositsOf(tx)).isEqualTo("0");
        assertThat(flows.balance(client))
                .containsEntry("buyingPowerUsd", "0.00")
                .containsEntry("pendingDepositsUsd", "0.00");
    }

    @Test
    void forgedResignedAndReplayedCircleNotificationsAreRefusedAndMoveNothing() throws Exception {
        GatewayClient client = flows.approvedUserWithWallets();
        String address = flows.walletAddress(client, "ETHEREUM");
        String keyId = (String) circleSigned("{}").get("keyId");

        // forged: a signature that is no one's
        String forgedId = UUID.randomUUID().toString();
        String forgedTx = txHash();
        String forged = inbound(forgedId, Instant.now(), address, "1000.000000", forgedTx);
        assertThat(deliverToCircleWebhook(keyId, Base64.getEncoder().encodeToString(new byte[72]), forged))
                .isEqualTo(401);

        // a valid signature of another body, or of this body by another P-256 key under Circle's key id
        String other = inbound(UUID.randomUUID().toString(), Instant.now(), address, "1.000000", txHash());
        assertThat(deliverToCircleWebhook(keyId, (String) circleSigned(other).get("signature"), forged))
                .isEqualTo(401);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair stranger = generator.generateKeyPair();
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(stranger.getPrivate());
        signer.update(forged.getBytes());
        assertThat(deliverToCircleWebhook(keyId, Base64.getEncoder().encodeToString(signer.sign()), forged))
                .isEqualTo(401);

        // replayed: Circle's own signature, on a notification from an hour ago
        String replayedId = UUID.randomUUID().toString();
        String replayedTx = txHash();
        String old = inbound(replayedId, Instant.now().minus(Duration.ofHours(1)), address, "1000.000000", replayedTx);
        assertThat(deliverToCircleWebhook(keyId, (String) circleSigned(old).get("signature"), old))
                .isEqualTo(401);

        // Due's endpoint refuses an unsigned or wrongly signed delivery the same way
        String due = """
                {"id":"wh_evt_forged","type":"transfer.status_changed","data":{"id":"tf_forged","status":"completed"},\
                "occurredAt":"%s","attemptedAt":"%s"}""".formatted(Instant.now(), Instant.now());
        assertThat(deliver("/webhooks/due", Map.of("X-Webhook-Signature", "00".repeat(64)), due))
                .isEqualTo(401);

        await().during(Duration.ofSeconds(2)).atMost(DepositFlows.WITHIN).untilAsserted(() -> {
            assertThat(storedNotifications(forgedId)).isEqualTo("0");
            assertThat(storedNotifications(replayedId)).isEqualTo("0");
            assertThat(storedNotifications("wh_evt_forged")).isEqualTo("0");
            assertThat(depositsOf(forgedTx)).isEqualTo("0");
            assertThat(depositsOf(replayedTx)).isEqualTo("0");
            assertThat(flows.balance(client))
                    .containsEntry("buyingPowerUsd", "0.00")
                    .containsEntry("pendingDepositsUsd", "0.00");
        });
    }

    @Test
    void theBrokersCompletionBeforeThePayoutsNotificationFundsOnce() {
        GatewayClient client = flows.approvedUserWithWallets();
        // Circle's payout notification is lost: the reconciler reads the payout back, the broker funds the
        // account and reports it; then Circle's late notification of the payout arrives
        flows.fault(Map.of("partner", "circle", "delivery", "payouts", "kind", "drop", "count", 5));

        flows.transfer(flows.walletAddress(client, "ETHEREUM"), "70.000000");

        Map<String, Object> deposit = flows.onlyDepositIn(client, "BROKER_FUNDED");
        String payoutId = suite.queryOne(
                "funding", "SELECT off_ramp_transfer_id FROM deposits WHERE id = '" + deposit.get("id") + "'");
        String late = """
                {"subscriptionId":"%s","notificationId":"%s","notificationType":"payouts",\
                "notification":{"id":"%s","amount":{"amount":"70.00","currency":"USD"},"status":"complete",\
                "createDate":"%s","updateDate":"%s"},"timestamp":"%s","version":2}""".formatted(
                        UUID.randomUUID(), UUID.randomUUID(), payoutId, Instant.now(), Instant.now(), Instant.now());
        Map<String, Object> signed = circleSigned(late);
        assertThat(deliverToCircleWebhook((String) signed.get("keyId"), (String) signed.get("signature"), late))
                .isEqualTo(200);

        await().during(Duration.ofSeconds(2)).atMost(DepositFlows.WITHIN).untilAsserted(() -> {
            assertThat(flows.deposits(client))
                    .singleElement()
                    .satisfies(d -> assertThat(d.get("status")).isEqualTo("BROKER_FUNDED"));
            assertThat(flows.balance(client)).containsEntry("buyingPowerUsd", "70.00");
        });
        assertThat(suite.queryOne(
                        "funding",
                        "SELECT count(*) FROM ledger_journal WHERE reference LIKE 'deposit:" + deposit.get("id")
                                + ":%'"))
                .isEqualTo("3");
        flows.assertLedgerBalanced("funding");
    }
}
