package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.stack.testsupport.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deposit saga end to end with the Circle + DriveWealth partner set (the suite's default), through the
 * gateway and the partner sandbox over HTTP: USDC sent on the sandbox's chain to a user's Circle wallet is
 * notified by Circle (signed), off-ramped by a Circle payout, credited to the user's DriveWealth account,
 * and reported by DriveWealth's SQS queue; the user ends with buying power, the ledger balanced.
 */
class DepositToBuyingPowerTest {

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

    String brokerAccountOf(GatewayClient client, String depositId) {
        return suite.queryOne(
                "funding",
                "SELECT b.account_no FROM broker_accounts b JOIN deposits d ON d.user_id = b.user_id"
                        + " WHERE d.id = '" + depositId + "'");
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"ETHEREUM", "SOLANA"})
    void usdcOnEachChainBecomesBuyingPowerWithTheLedgerBalanced(String chain) {
        GatewayClient client = flows.approvedUserWithWallets();

        Map<String, Object> transfer = flows.transfer(flows.walletAddress(client, chain), "125.000000");

        Map<String, Object> deposit = flows.onlyDepositIn(client, "BROKER_FUNDED");
        assertThat(deposit)
                .containsEntry("chain", chain)
                .containsEntry("txHash", transfer.get("txHash"))
                .containsEntry("amountUsdc", "125.000000");
        assertThat(flows.balance(client))
                .containsEntry("buyingPowerUsd", "125.00")
                .containsEntry("pendingDepositsUsd", "0.00");
        // DriveWealth credited the account once, with the payout's amount
        List<Map<String, Object>> fundings = flows.list(
                "/sandbox/drivewealth/deposits?accountNo=" + brokerAccountOf(client, (String) deposit.get("id")),
                "deposits");
        assertThat(fundings).hasSize(1);
        assertThat(fundings.get(0).get("amount").toString()).isIn("125.00", "125.0", "125");
        // the user is told, once
        await().atMost(DepositFlows.WITHIN)
                .untilAsserted(() -> assertThat(flows.notifications(client))
                        .filteredOn(n -> "DEPOSIT_FUNDED".equals(n.get("kind")))
                        .hasSize(1));
        flows.assertLedgerBalanced("funding");
    }

    @Test
    void duplicatedNotificationsAndBrokerEventsFundTheDepositOnce() {
        GatewayClient client = flows.approvedUserWithWallets();
        // Circle sends each notification twice; DriveWealth's queue delivers its events twice
        flows.fault(Map.of("partner", "circle", "delivery", "*", "kind", "duplicate", "count", 10));
        flows.fault(Map.of("partner", "drivewealth", "delivery", "*", "kind", "duplicate", "count", 10));

        flows.transfer(flows.walletAddress(client, "ETHEREUM"), "125.000000");

        Map<String, Object> deposit = flows.onlyDepositIn(client, "BROKER_FUNDED");
        await().during(Duration.ofSeconds(3)).atMost(DepositFlows.WITHIN).untilAsserted(() -> {
            assertThat(flows.deposits(client)).hasSize(1);
            assertThat(flows.balance(client)).containsEntry("buyingPowerUsd", "125.00");
        });
        assertThat(flows.list(
                        "/sandbox/drivewealth/deposits?accountNo="
                                + brokerAccountOf(client, (String) deposit.get("id")),
                        "deposits"))
                .hasSize(1);
        assertThat(suite.queryOne(
                        "funding",
                        "SELECT count(*) FROM ledger_journal WHERE reference = 'deposit:" + deposit.get("id")
                                + ":broker_funded'"))
                .isEqualTo("1");
        flows.assertLedgerBalanced("funding");
    }

    @Test
    void aFailedPayoutFailsTheDepositWithAReasonAndNoMoneyAppears() {
        GatewayClient client = flows.approvedUserWithWallets();
        flows.control("/sandbox/circle/payouts/fail-next", Map.of("count", 1, "errorCode", "bank_account_closed"));

        flows.transfer(flows.walletAddress(client, "ETHEREUM"), "50.000000");

        Map<String, Object> deposit = flows.onlyDepositIn(client, "FAILED");
        assertThat((String) deposit.get("failureReason")).contains("bank_account_closed");
        assertThat(flows.balance(client))
                .containsEntry("pendingDepositsUsd", "0.00")
                .containsEntry("buyingPowerUsd", "0.00");
        await().atMost(DepositFlows.WITHIN)
                .untilAsserted(() -> assertThat(flows.notifications(client))
                        .filteredOn(n -> "DEPOSIT_FAILED".equals(n.get("kind")))
                        .hasSize(1));
        flows.assertLedgerBalanced("funding");
    }

    @Test
    void aBrokerThatRejectsTheFundingFailsTheDepositAndHoldsTheUsdForReview() {
        GatewayClient client = flows.approvedUserWithWallets();
        flows.control("/sandbox/drivewealth/fail-next-deposits", Map.of("count", 1, "reason", "account restricted"));

        flows.transfer(flows.walletAddress(client, "SOLANA"), "40.000000");

        Map<String, Object> deposit = flows.onlyDepositIn(client, "FAILED");
        assertThat((String) deposit.get("failureReason")).contains("broker");
        assertThat(flows.balance(client))
                .containsEntry("pendingDepositsUsd", "0.00")
                .containsEntry("buyingPowerUsd", "0.00");
        // the operator sees the USD held for review in the ledger
        assertThat(suite.queryOne(
                        "funding",
                        "SELECT SUM(e.amount) FROM ledger_entries e JOIN ledger_journal j"
                                + " ON j.id = e.journal_id JOIN ledger_accounts a ON a.id = e.account_id WHERE a.partner = 'deposit_review'"
                                + " AND j.reference = 'deposit:" + deposit.get("id") + ":held_for_review'"))
                .isEqualTo("40.000000");
        flows.assertLedgerBalanced("funding");
    }

    @Test
    void aLostBrokerEventIsFoundByTheReconcilerAskingDriveWealth() {
        GatewayClient client = flows.approvedUserWithWallets();
        // DriveWealth's queue loses its events for this deposit: only the reconciler can move it on
        flows.fault(Map.of("partner", "drivewealth", "delivery", "*", "kind", "drop", "count", 10));

        flows.transfer(flows.walletAddress(client, "ETHEREUM"), "30.000000");

        flows.onlyDepositIn(client, "BROKER_FUNDED");
        assertThat(flows.balance(client)).containsEntry("buyingPowerUsd", "30.00");
        flows.assertLedgerBalanced("funding");
    }

    @Test
    void aTransferCircleNeverNotifiedIsFoundInCirclesListAndCreditedOnce() {
        GatewayClient client = flows.approvedUserWithWallets();
        // every notification of the transfer is lost, as when the webhook endpoint is down past Circle's retries (to
        // every subscription: other tests' fundings subscribe too)
        flows.fault(Map.of("partner", "circle", "delivery", "transactions.inbound", "kind", "drop", "count", 1000));

        Map<String, Object> transfer = flows.transfer(flows.walletAddress(client, "SOLANA"), "33.330000");

        Map<String, Object> deposit = flows.onlyDepositIn(client, "BROKER_FUNDED");
        assertThat(deposit).containsEntry("amountUsdc", "33.330000").containsEntry("txHash", transfer.get("txHash"));
        assertThat(flows.balance(client))
                .containsEntry("buyingPowerUsd", "33.33")
                .containsEntry("pendingDepositsUsd", "0.00");
        List<Map<String, Object>> deliveries =
                flows.list("/sandbox/chain/transfers/" + transfer.get("id") + "/deliveries", "deliveries");
        // none reached a funding: dropped, or refused by an endpoint another test left behind
        assertThat(deliveries)
                .isNotEmpty()
                .noneMatch(
                        delivery -> delivery.get("status") instanceof Integer status && status >= 200 && status < 300);
        assertThat(deliveries).anySatisfy(delivery -> assertThat(delivery).containsEntry("dropped", true));
        // taken from Circle's list, once; credited once
        assertThat(suite.queryOne(
                        "funding",
                        "SELECT count(*) FROM partner_inbox WHERE event_id LIKE 'list:" + transfer.get("id")
                                + ":%' AND outcome = 'applied'"))
                .isEqualTo("1");
        assertThat(suite.queryOne(
                        "funding",
                        "SELECT count(*) FROM ledger_journal WHERE reference = 'deposit:" + deposit.get("id")
                                + ":confirmed_on_chain'"))
                .isEqualTo("1");
        flows.assertLedgerBalanced("funding");
    }

    @Test
    void aSubscriberThroughTheGatewaySeesEveryStatusOfItsDepositInOrder() {
        GatewayClient client = flows.approvedUserWithWallets();
        try (TestSocket socket = TestSocket.open(StackSuite.port(suite.gateway()))) {
            socket.send(
                    Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + client.token())));
            assertThat(socket.next()).containsEntry("type", "connection_ack");
            socket.send(Map.of(
                    "id",
                    "1",
                    "type",
                    "subscribe",
                    "payload",
                    Map.of("query", "subscription { depositUpdated { id status amountUsdc } }")));
            // the subscription is live at the subgraph before the USDC is sent
            await().pollDelay(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> true);

            flows.transfer(flows.walletAddress(client, "ETHEREUM"), "12.500000");

            List<String> statuses = new java.util.ArrayList<>();
            while (!statuses.contains("BROKER_FUNDED")) {
                Map<String, Object> message = socket.next();
                assertThat(message).containsEntry("id", "1").containsEntry("type", "next");
                @SuppressWarnings("unchecked")
                Map<String, Object> deposit = (Map<String, Object>)
                        ((Map<String, Object>) ((Map<String, Object>) message.get("payload")).get("data"))
                                .get("depositUpdated");
                assertThat(deposit).containsEntry("amountUsdc", "12.500000");
                statuses.add((String) deposit.get("status"));
            }
            assertThat(statuses)
                    .containsExactly("CONFIRMED_ON_CHAIN", "OFF_RAMP_INITIATED", "OFF_RAMP_COMPLETE", "BROKER_FUNDED");
        }
    }

    @Test
    void anAmountWithMoreThanSixDecimalsMovesNothing() {
        GatewayClient client = flows.approvedUserWithWallets();

        flows.transfer(flows.walletAddress(client, "SOLANA"), "10.1234567");

        await().during(Duration.ofSeconds(3)).atMost(DepositFlows.WITHIN).untilAsserted(() -> {
            assertThat(flows.deposits(client)).isEmpty();
            assertThat(flows.balance(client)).containsEntry("pendingDepositsUsd", "0.00");
        });
    }
}
