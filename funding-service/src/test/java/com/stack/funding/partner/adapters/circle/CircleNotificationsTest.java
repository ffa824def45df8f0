package com.stack.funding.partner.adapters.circle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.stack.funding.deposit.domain.ChainConfirmation;
import com.stack.funding.deposit.domain.OnChainTransfer;
import com.stack.funding.inbox.app.CircleNotificationEnvelopes;
import com.stack.funding.inbox.app.MalformedNotificationException;
import com.stack.funding.inbox.domain.InboxOutcome;
import com.stack.funding.shared.domain.Chain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading Circle's notification payloads (Wallets API, version 2), without Spring. */
class CircleNotificationsTest {

    static String inbound(String blockchain, String state, String amounts, String txHash) {
        return """
                {"subscriptionId":"s-1","notificationId":"n-1","notificationType":"transactions.inbound",
                 "notification":{"id":"t-1","blockchain":"%s","tokenId":"usdc-token","walletId":"w-1",
                  "destinationAddress":"0xAbC","amounts":%s,"txHash":%s,"state":"%s","errorReason":null,
                  "createDate":"2026-03-01T12:00:00Z","updateDate":"2026-03-01T12:00:01Z"},
                 "timestamp":"2026-03-01T12:00:01.123456789Z","version":2}""".formatted(blockchain, amounts, txHash == null ? "null" : "\"" + txHash + "\"", state);
    }

    @Test
    void theEnvelopeGivesTheIdTypeAndTimestamp() {
        CircleNotificationEnvelopes.Envelope envelope = CircleNotifications.envelope(
                inbound("ETH", "COMPLETE", "[\"1\"]", "0x1").getBytes(StandardCharsets.UTF_8));
        assertThat(envelope)
                .isEqualTo(new CircleNotificationEnvelopes.Envelope(
                        "n-1", "transactions.inbound", Instant.parse("2026-03-01T12:00:01.123456789Z")));
    }

    @Test
    void aBodyThatIsNotANotificationEnvelopeIsMalformed() {
        assertThatThrownBy(() -> CircleNotifications.envelope("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedNotificationException.class);
        assertThatThrownBy(() ->
                        CircleNotifications.envelope("{\"notificationId\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedNotificationException.class);
        assertThatThrownBy(() -> CircleNotifications.envelope(
                        ("{\"notificationId\":\"x\",\"notificationType\":\"t\"," + "\"timestamp\":\"yesterday\"}")
                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedNotificationException.class);
    }

    @ParameterizedTest
    @CsvSource({"ETH, ETHEREUM", "ETH-SEPOLIA, ETHEREUM", "SOL, SOLANA", "SOL-DEVNET, SOLANA"})
    void inboundTransactionsOnSupportedBlockchainsAreTransfers(String blockchain, Chain chain) {
        var reading =
                CircleNotifications.inboundTransaction(inbound(blockchain, "COMPLETE", "[\"125.000000\"]", "0xHash"));
        assertThat(reading)
                .isEqualTo(new CircleNotifications.Transfer(
                        new OnChainTransfer(
                                chain, "0xHash", "0xAbC", "125.000000", ChainConfirmation.CONFIRMED, "t-1", null),
                        "usdc-token"));
    }

    @ParameterizedTest
    @CsvSource({
        "CONFIRMED, CONFIRMED",
        "COMPLETE, CONFIRMED",
        "INITIATED, PENDING",
        "QUEUED, PENDING",
        "CLEARED, PENDING",
        "SENT, PENDING",
        "STUCK, PENDING",
        "FAILED, FAILED",
        "CANCELLED, FAILED",
        "DENIED, FAILED"
    })
    void circlesStatesMapToHowFarTheTransferHasGot(String state, ChainConfirmation confirmation) {
        var reading = CircleNotifications.inboundTransaction(inbound("ETH", state, "[\"1\"]", "0x1"));
        assertThat(((CircleNotifications.Transfer) reading).transfer().confirmation())
                .isEqualTo(confirmation);
    }

    @Test
    void whatIsNotATransferToTakeSaysWhy() {
        assertThat(outcome(inbound("MATIC", "COMPLETE", "[\"1\"]", "0x1")))
                .isEqualTo(InboxOutcome.ignored("unsupported_blockchain", "unsupported blockchain MATIC"));
        assertThat(outcome(inbound("ETH", "EXPLODED", "[\"1\"]", "0x1")).reason())
                .isEqualTo("unknown_state");
        assertThat(outcome(inbound("ETH", "COMPLETE", "[\"1\",\"2\"]", "0x1")).kind())
                .isEqualTo(InboxOutcome.Kind.FAILED);
        assertThat(outcome(inbound("ETH", "COMPLETE", "[1]", "0x1")).reason()).isEqualTo("invalid_amount");
        assertThat(outcome(inbound("ETH", "COMPLETE", "[\"1\"]", null)).kind()).isEqualTo(InboxOutcome.Kind.FAILED);
        assertThat(outcome(inbound("ETH", "QUEUED", "[\"1\"]", null)))
                .isEqualTo(InboxOutcome.ignored("no_tx_hash_yet", "no txHash yet in state QUEUED"));
        assertThat(outcome("not json").reason()).isEqualTo("malformed");
    }

    static InboxOutcome outcome(String payload) {
        return ((CircleNotifications.NotATransfer) CircleNotifications.inboundTransaction(payload)).outcome();
    }

    static String payout(String status, String amount, String currency, String errorCode) {
        return """
                {"notificationId":"n-2","notificationType":"payouts","timestamp":"2026-03-01T12:00:01Z",
                 "notification":{"id":"p-1","status":"%s","amount":{"amount":"%s","currency":"%s"}%s}}""".formatted(status, amount, currency, errorCode == null ? "" : ",\"errorCode\":\"" + errorCode + "\"");
    }

    @Test
    void aPayoutNotificationIsReadIntoAReport() {
        assertThat(CircleNotifications.payout(payout("complete", "125.12", "USD", null)))
                .isEqualTo(new CircleNotifications.Payout(new com.stack.funding.shared.domain.PayoutReport(
                        "p-1",
                        com.stack.funding.shared.domain.PayoutReport.Outcome.COMPLETE,
                        new java.math.BigDecimal("125.12"),
                        null)));
        assertThat(CircleNotifications.payout(payout("failed", "1.00", "USD", "insufficient_funds")))
                .isInstanceOfSatisfying(
                        CircleNotifications.Payout.class,
                        read -> assertThat(read.report().errorCode()).isEqualTo("insufficient_funds"));
    }

    @Test
    void aPayoutNotificationThatIsNotOneToTakeSaysWhy() {
        assertThat(CircleNotifications.payout(payout("reversed", "1.00", "USD", null)))
                .isEqualTo(new CircleNotifications.NotAPayout(
                        InboxOutcome.ignored("unknown_state", "unknown payout status reversed")));
        assertThat(CircleNotifications.payout(payout("complete", "1.00", "EUR", null)))
                .isInstanceOfSatisfying(
                        CircleNotifications.NotAPayout.class,
                        read -> assertThat(read.outcome().reason()).isEqualTo("invalid_amount"));
        assertThat(CircleNotifications.payout("{\"notification\":{\"status\":\"complete\"}}"))
                .isInstanceOfSatisfying(
                        CircleNotifications.NotAPayout.class,
                        read -> assertThat(read.outcome().reason()).isEqualTo("malformed"));
    }
}
