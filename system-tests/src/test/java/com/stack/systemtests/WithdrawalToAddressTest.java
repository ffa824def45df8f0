package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import com.stack.testsupport.TestSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The withdrawal saga end to end through the gateway, the suite's partner set (DriveWealth redemption, Circle
 * Mint on-ramp into the user's custody wallet, the custody wallet's transfer to the user's address), sandbox
 * over HTTP: COMPLETE with the chain's hash on each chain; the on-ramp failing (the broker is credited back
 * and the hold released); the on-chain transfer failing once (sent again under a new key) and for good (parked
 * for review, the USDC accounted for in the ledger); on each happy path the owner's {@code withdrawalUpdated} sees
 * every status in order; another user reads and subscribes to nothing.
 */
class WithdrawalToAddressTest {

    static final String INITIATE = WithdrawalRequestTest.INITIATE;
    static final String ETHEREUM_TARGET = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final String WITHDRAWAL = """
            query($id: ID!) { withdrawal(id: $id) { id status txHash failureReason amountUsd address chain } }""";

    static StackSuite suite;
    static DepositFlows flows;

    @BeforeAll
    static void startSuite() {
        suite = StackSuite.shared();
        flows = new DepositFlows(suite, suite.gatewayUrl());
    }

    @AfterEach
    void sandboxAnswersNormally() {
        flows.control("/sandbox/circle/transfers/fail-next", Map.of("count", 0));
        flows.control("/sandbox/circle/transactions/fail-next", Map.of("count", 0));
    }

    /** A user with 40.00 of buying power from a deposit. */
    GatewayClient fundedUser() {
        GatewayClient client = flows.approvedUserWithWallets();
        flows.transfer(flows.walletAddress(client, "ETHEREUM"), "40.000000");
        flows.onlyDepositIn(client, "BROKER_FUNDED");
        return client;
    }

    String withdraw(GatewayClient client, String amount, String chain, String address) {
        GatewayClient.Response response = client.graphQl(INITIATE, WithdrawalRequestTest.input(amount, chain, address));
        assertThat(response.errors()).isEmpty();
        return response.at("initiateWithdrawal.id");
    }

    Map<String, Object> finalState(GatewayClient client, String id) {
        return await().atMost(DepositFlows.WITHIN)
                .until(
                        () -> client.graphQl(WITHDRAWAL, Map.of("id", id)).<Map<String, Object>>at("withdrawal"),
                        withdrawal -> "COMPLETE".equals(withdrawal.get("status"))
                                || "FAILED".equals(withdrawal.get("status")));
    }

    List<Map<String, Object>> transactions(String id) {
        return flows.list("/sandbox/circle/transactions?refId=withdrawal-" + id + "-1", "transactions");
    }

    String pendingWithdrawals(GatewayClient client) {
        return client.graphQl("{ me { balance { pendingWithdrawalsUsd } } }").at("me.balance.pendingWithdrawalsUsd");
    }

    String reviewAccount() {
        return suite.queryOne(
                "funding",
                "SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entries e JOIN ledger_accounts a"
                        + " ON a.id = e.account_id WHERE a.kind = 'partner_clearing' AND a.partner = 'withdrawal_review'");
    }

    static WithdrawalWatch.Seen watched(GatewayClient client, String amount, String chain, String address) {
        return WithdrawalWatch.withdrawAndWatch(
                flows,
                StackSuite.port(suite.gateway()),
                client,
                "drivewealth",
                "/funding/redemptions",
                amount,
                chain,
                address);
    }

    @Test
    void aWithdrawalToAnEthereumAddressCompletesWithTheChainsHash() {
        GatewayClient client = fundedUser();

        WithdrawalWatch.Seen seen = watched(client, "12.50", "ETHEREUM", ETHEREUM_TARGET);

        String id = seen.withdrawalId();
        Map<String, Object> done = finalState(client, id);
        assertThat(seen.statuses()).containsExactlyElementsOf(WithdrawalWatch.EVERY_STATUS);
        assertThat(seen.txHash()).isEqualTo(done.get("txHash"));
        assertThat(done)
                .containsEntry("status", "COMPLETE")
                .containsEntry("failureReason", null)
                .containsEntry("address", ETHEREUM_TARGET);
        assertThat((String) done.get("txHash")).matches("0x[0-9a-f]{64}");
        // one transaction left the custody wallet, to the address, with that hash
        assertThat(transactions(id)).singleElement().satisfies(tx -> {
            assertThat(tx).containsEntry("state", "COMPLETE").containsEntry("txHash", done.get("txHash"));
            assertThat(((String) tx.get("destinationAddress")).toLowerCase()).isEqualTo(ETHEREUM_TARGET.toLowerCase());
            assertThat(tx.get("amounts")).isEqualTo(List.of("12.5"));
        });
        assertThat(flows.balance(client)).containsEntry("buyingPowerUsd", "27.50");
        assertThat(pendingWithdrawals(client)).isEqualTo("0.00");
        await().atMost(DepositFlows.WITHIN)
                .untilAsserted(() -> assertThat(flows.notifications(client))
                        .filteredOn(n -> "WITHDRAWAL_COMPLETE".equals(n.get("kind")))
                        .singleElement()
                        .satisfies(n -> assertThat((String) n.get("body")).contains((String) done.get("txHash"))));
        flows.assertLedgerBalanced("funding");
    }

    @Test
    void aWithdrawalToASolanaAddressCompletesToo() {
        GatewayClient client = fundedUser();

        WithdrawalWatch.Seen seen = watched(client, "7.25", "SOLANA", WithdrawalRequestTest.SOLANA_TARGET);

        String id = seen.withdrawalId();
        Map<String, Object> done = finalState(client, id);
        assertThat(seen.statuses()).containsExactlyElementsOf(WithdrawalWatch.EVERY_STATUS);
        assertThat(done).containsEntry("status", "COMPLETE").containsEntry("chain", "SOLANA");
        assertThat((String) done.get("txHash")).matches("[1-9A-HJ-NP-Za-km-z]{64,90}");
        assertThat(transactions(id))
                .singleElement()
                .satisfies(tx -> assertThat(tx)
                        .containsEntry("destinationAddress", WithdrawalRequestTest.SOLANA_TARGET)
                        .containsEntry("state", "COMPLETE"));
        assertThat(flows.balance(client)).containsEntry("buyingPowerUsd", "32.75");
        flows.assertLedgerBalanced("funding");
    }

    @Test
    void whenTheOnRampFailsTheBrokerIsCreditedBackAndTheBuyingPowerReturns() {
        GatewayClient client = fundedUser();
        flows.control("/sandbox/circle/transfers/fail-next", Map.of("count", 1, "errorCode", "insufficient_funds"));

        String id = withdraw(client, "10.00", "ETHEREUM", ETHEREUM_TARGET);

        Map<String, Object> failed = finalState(client, id);
        assertThat(failed).containsEntry("status", "FAILED").containsEntry("txHash", null);
        assertThat((String) failed.get("failureReason")).contains("on-ramp").contains("insufficient_funds");
        // the compensation: the broker credits the 10.00 back, then the hold is released
        await().atMost(DepositFlows.WITHIN)
                .untilAsserted(() -> assertThat(flows.balance(client)).containsEntry("buyingPowerUsd", "40.00"));
        assertThat(pendingWithdrawals(client)).isEqualTo("0.00");
        assertThat(suite.queryOne(
                        "funding",
                        "SELECT compensation || ':' || compensation_done FROM withdrawals WHERE id = '" + id + "'"))
                .isEqualTo("broker_refund:true");
        assertThat(transactions(id)).isEmpty();
        await().atMost(DepositFlows.WITHIN)
                .untilAsserted(() -> assertThat(flows.notifications(client))
                        .filteredOn(n -> "WITHDRAWAL_FAILED".equals(n.get("kind")))
                        .hasSize(1));
        flows.assertLedgerBalanced("funding");
    }

    @Test
    void aTransferThatFailsOnChainOnceIsSentAgainUnderANewKeyAndCompletes() {
        GatewayClient client = fundedUser();
        flows.control("/sandbox/circle/transactions/fail-next", Map.of("count", 1, "errorReason", "FAILED_ON_CHAIN"));

        String id = withdraw(client, "5.00", "ETHEREUM", ETHEREUM_TARGET);

        Map<String, Object> done = finalState(client, id);
        assertThat(done).containsEntry("status", "COMPLETE").containsEntry("failureReason", null);
        assertThat(transactions(id))
                .singleElement()
                .satisfies(tx -> assertThat(tx).containsEntry("state", "FAILED"));
        assertThat(flows.list("/sandbox/circle/transactions?refId=withdrawal-" + id + "-2", "transactions"))
                .singleElement()
                .satisfies(tx ->
                        assertThat(tx).containsEntry("state", "COMPLETE").containsEntry("txHash", done.get("txHash")));
        assertThat(flows.balance(client)).containsEntry("buyingPowerUsd", "35.00");
        flows.assertLedgerBalanced("funding");
    }

    @Test
    void aTransferThatKeepsFailingIsParkedForReviewWithTheUsdcAccountedFor() {
        GatewayClient client = fundedUser();
        String reviewBefore = reviewAccount();
        flows.control("/sandbox/circle/transactions/fail-next", Map.of("count", 3, "errorReason", "FAILED_ON_CHAIN"));

        String id = withdraw(client, "6.00", "ETHEREUM", ETHEREUM_TARGET);

        Map<String, Object> failed = finalState(client, id);
        assertThat(failed).containsEntry("status", "FAILED");
        assertThat((String) failed.get("failureReason"))
                .contains("failed 3 times")
                .contains("held for review");
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(flows.list(
                            "/sandbox/circle/transactions?refId=withdrawal-" + id + "-" + attempt, "transactions"))
                    .as("attempt " + attempt)
                    .singleElement()
                    .satisfies(tx -> assertThat(tx).containsEntry("state", "FAILED"));
        }
        // the buying power stays spent: the USDC is in custody, owed to the user in the review account
        assertThat(flows.balance(client)).containsEntry("buyingPowerUsd", "34.00");
        assertThat(pendingWithdrawals(client)).isEqualTo("0.00");
        assertThat(new java.math.BigDecimal(reviewAccount()).subtract(new java.math.BigDecimal(reviewBefore)))
                .isEqualByComparingTo("6.00");
        await().atMost(DepositFlows.WITHIN)
                .untilAsserted(() -> assertThat(flows.notifications(client))
                        .filteredOn(n -> "WITHDRAWAL_FAILED".equals(n.get("kind")))
                        .hasSize(1));
        flows.assertLedgerBalanced("funding");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStrangersSubscriptionToTheWithdrawalIsNotFoundAndSeesNothing() {
        GatewayClient client = fundedUser();
        GatewayClient stranger = flows.approvedUserWithWallets();
        String id = withdraw(client, "3.00", "ETHEREUM", ETHEREUM_TARGET);

        try (TestSocket other = WithdrawalWatch.acknowledged(StackSuite.port(suite.gateway()), stranger)) {
            other.send(WithdrawalWatch.subscribe(id));
            Map<String, Object> refused = other.next();
            assertThat(refused).containsEntry("id", "w").containsEntry("type", "error");
            assertThat((List<Map<String, Object>>) refused.get("payload"))
                    .singleElement()
                    .satisfies(error -> {
                        assertThat(error).containsEntry("message", "Withdrawal not found");
                        assertThat((Map<String, Object>) error.get("extensions"))
                                .containsEntry("code", "NOT_FOUND");
                    });
            finalState(client, id);
            other.send(Map.of("type", "ping"));
            assertThat(other.next()).isEqualTo(Map.of("type", "pong")); // nothing of the withdrawal came before it
        }
    }

    @Test
    void anotherUserCannotReadTheWithdrawal() {
        GatewayClient client = fundedUser();
        String id = withdraw(client, "1.00", "ETHEREUM", ETHEREUM_TARGET);
        GatewayClient stranger = flows.approvedUserWithWallets();
        assertThat(stranger.graphQl(WITHDRAWAL, Map.of("id", id)).<Object>at("withdrawal"))
                .isNull();
        finalState(client, id);
        assertThat(stranger.graphQl(WITHDRAWAL, Map.of("id", id)).<Object>at("withdrawal"))
                .isNull();
    }
}
