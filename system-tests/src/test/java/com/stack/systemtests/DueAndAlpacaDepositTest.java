package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.stack.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The deposit saga with the other partner set: Due off-ramps the USDC (a quote, a transfer, Ed25519-signed
 * webhooks re-read before they count) and an Alpaca cash journal (JNLC) from the firm account funds the
 * user's account, reported on Alpaca's journal event stream (SSE, resumed by since_id). A withdrawal is wired
 * from the user's Alpaca account into their Due virtual account (reported on Alpaca's funding status stream), on-ramped
 * from there; when the on-ramp fails, Due wires the USD back to the user's Alpaca account. A deployment picks
 * its partners in configuration: this test runs a second funding service so configured, behind its own
 * gateway, beside the shared suite (onboarding and wallet are shared).
 */
class DueAndAlpacaDepositTest {

    static StackSuite suite;
    static ConfigurableApplicationContext funding;
    static ConfigurableApplicationContext gateway;
    static DepositFlows flows;
    static final String FUNDING = "funding-due-alpaca";

    @BeforeAll
    static void startDueAndAlpacaFunding() {
        suite = StackSuite.shared();
        int gatewayPort = StackSuite.freePort();
        funding = suite.startService(
                "funding",
                "stack_funding_due_alpaca_system",
                List.of(
                        "--stack.funding.off-ramp.partner=due",
                        "--stack.funding.broker.partner=alpaca",
                        "--stack.due.webhook-url=http://127.0.0.1:" + gatewayPort + "/webhooks/due",
                        // it subscribes to Circle's notifications for its own gateway, a second subscription at Circle
                        "--stack.circle.notifications.webhook-url=http://127.0.0.1:" + gatewayPort + "/webhooks/circle",
                        // its own consumer group: it learns every wallet too, beside the suite's funding
                        "--stack.messaging.consumer-group=funding-due-alpaca-" + TestInfrastructure.runId()));
        Map<String, String> subgraphs = new LinkedHashMap<>(suite.subgraphUrls());
        subgraphs.put("funding", "http://127.0.0.1:" + StackSuite.port(funding) + "/graphql");
        gateway = suite.startGateway(subgraphs, "20s", gatewayPort);
        String gatewayUrl = "http://127.0.0.1:" + gatewayPort;
        flows = new DepositFlows(suite, gatewayUrl);
        // once its gateway answers Circle's check, this funding has subscribed
        StackSuite.awaitCircleSubscription(funding);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (funding != null) {
            funding.close();
        }
    }

    @AfterEach
    void noFaultsLeft() {
        flows.clearFaults();
    }

    String alpacaAccountOf(String user) {
        return queryOne("SELECT account_id FROM broker_accounts WHERE user_id = '" + user + "' AND broker = 'alpaca'");
    }

    String queryOne(String sql) {
        return funding.getBean(org.springframework.r2dbc.core.DatabaseClient.class)
                .sql(sql)
                .map(row -> String.valueOf(row.get(0)))
                .first()
                .block(DepositFlows.WITHIN);
    }

    void assertLedgerBalanced() {
        assertThat(queryOne("SELECT count(*) FROM (SELECT e.journal_id FROM ledger_entries e"
                        + " JOIN ledger_accounts a ON a.id = e.account_id GROUP BY e.journal_id, a.currency"
                        + " HAVING SUM(e.amount) <> 0) unbalanced"))
                .isEqualTo("0");
        assertThat(queryOne("SELECT COALESCE(SUM(amount), 0) = 0 FROM ledger_entries"))
                .isEqualTo("true");
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"ETHEREUM", "SOLANA"})
    void usdcOnEachChainIsOffRampedByDueAndJournaledByAlpaca(String chain) {
        GatewayClient client = flows.approvedUserWithWallets();

        flows.transfer(flows.walletAddress(client, chain), "125.000000");

        Map<String, Object> deposit = flows.onlyDepositIn(client, "BROKER_FUNDED");
        assertThat(flows.balance(client))
                .containsEntry("buyingPowerUsd", "125.00")
                .containsEntry("pendingDepositsUsd", "0.00");
        String depositId = (String) deposit.get("id");
        assertThat(queryOne("SELECT off_ramp_transfer_id LIKE 'tf_%' FROM deposits WHERE id = '" + depositId + "'"))
                .isEqualTo("true");
        String account = queryOne("SELECT b.account_id FROM broker_accounts b JOIN deposits d ON d.user_id = b.user_id"
                + " WHERE d.id = '" + depositId + "' AND b.broker = 'alpaca'");
        assertThat(account).isNotNull();
        await().atMost(DepositFlows.WITHIN)
                .untilAsserted(() -> assertThat(flows.notifications(client))
                        .filteredOn(n -> "DEPOSIT_FUNDED".equals(n.get("kind")))
                        .isNotEmpty());
        assertLedgerBalanced();
    }

    @Test
    void duplicatedDueWebhooksAndAlpacaEventsFundTheDepositOnce() {
        GatewayClient client = flows.approvedUserWithWallets();
        flows.fault(Map.of("partner", "due", "delivery", "*", "kind", "duplicate", "count", 10));
        flows.fault(Map.of("partner", "alpaca", "delivery", "*", "kind", "duplicate", "count", 10));

        flows.transfer(flows.walletAddress(client, "ETHEREUM"), "60.000000");

        Map<String, Object> deposit = flows.onlyDepositIn(client, "BROKER_FUNDED");
        assertThat(queryOne("SELECT count(*) FROM ledger_journal WHERE reference = 'deposit:" + deposit.get("id")
                        + ":broker_funded'"))
                .isEqualTo("1");
        assertThat(flows.balance(client)).containsEntry("buyingPowerUsd", "60.00");
        assertLedgerBalanced();
    }

    @Test
    void dueFailingTheTransferFailsTheDepositWithTheReason() {
        GatewayClient client = flows.approvedUserWithWallets();
        flows.control("/sandbox/due/transfers/fail-next", Map.of("count", 1, "failureReason", "compliance_hold"));

        flows.transfer(flows.walletAddress(client, "ETHEREUM"), "20.000000");

        Map<String, Object> deposit = flows.onlyDepositIn(client, "FAILED");
        assertThat((String) deposit.get("failureReason")).contains("compliance_hold");
        assertThat(flows.balance(client))
                .containsEntry("buyingPowerUsd", "0.00")
                .containsEntry("pendingDepositsUsd", "0.00");
        assertLedgerBalanced();
    }

    @ParameterizedTest(name = "to {0}")
    @ValueSource(strings = {"ETHEREUM", "SOLANA"})
    void aWithdrawalIsWiredFromAlpacaIntoTheUsersDueVirtualAccountOnRampedAndSentOnChain(String chain) {
        GatewayClient client = flows.approvedUserWithWallets();
        flows.transfer(flows.walletAddress(client, "ETHEREUM"), "30.000000");
        flows.onlyDepositIn(client, "BROKER_FUNDED");
        String target = chain.equals("ETHEREUM")
                ? WithdrawalToAddressTest.ETHEREUM_TARGET
                : WithdrawalRequestTest.SOLANA_TARGET;

        WithdrawalWatch.Seen seen = WithdrawalWatch.withdrawAndWatch(
                flows, StackSuite.port(gateway), client, "alpaca", "/v1/accounts/*/transfers", "11.00", chain, target);
        String id = seen.withdrawalId();
        assertThat(seen.statuses()).containsExactlyElementsOf(WithdrawalWatch.EVERY_STATUS);

        Map<String, Object> done = client.graphQl(WithdrawalToAddressTest.WITHDRAWAL, Map.of("id", id))
                .<Map<String, Object>>at("withdrawal");
        assertThat(done.get("txHash")).isEqualTo(seen.txHash());
        assertThat(done).containsEntry("status", "COMPLETE").containsEntry("failureReason", null);
        assertThat(done.get("txHash")).isNotNull();
        // out of Alpaca by wire into the user's Due virtual account, USD -> USDC by a Due on-ramp from it, then the
        // custody wallet's transfer
        assertThat(queryOne("SELECT broker_withdrawal_ref IS NOT NULL AND circle_on_ramp_ref LIKE 'tf_%'"
                        + " FROM withdrawals WHERE id = '" + id + "'"))
                .isEqualTo("true");
        String user = queryOne("SELECT user_id FROM withdrawals WHERE id = '" + id + "'");
        String account = alpacaAccountOf(user);
        assertThat(flows.list("/sandbox/alpaca/transfers?account=" + account + "&direction=OUTGOING", "transfers"))
                .singleElement()
                .satisfies(wire -> assertThat(wire)
                        .containsEntry("status", "COMPLETE")
                        .containsEntry("amount", "11.00")
                        .containsEntry("additional_information", "STACK withdrawal " + id)
                        .containsEntry(
                                "id",
                                queryOne("SELECT broker_withdrawal_ref FROM withdrawals WHERE id = '" + id + "'")));
        assertThat(flows.list("/sandbox/alpaca/journals?account=" + account, "journals"))
                .as("only the deposit's journal: nothing went to the firm")
                .hasSize(1);
        // credited by the wire, spent by the on-ramp
        assertThat(flows.list(
                        "/sandbox/due/virtual_accounts?reference=stack-" + user + "-"
                                + chain.toLowerCase(java.util.Locale.ROOT),
                        "virtualAccounts"))
                .singleElement()
                .satisfies(va -> assertThat(va).containsEntry("balance", "0.00"));
        assertThat(flows.list("/sandbox/circle/transactions?refId=withdrawal-" + id + "-1", "transactions"))
                .singleElement()
                .satisfies(tx ->
                        assertThat(tx).containsEntry("state", "COMPLETE").containsEntry("txHash", done.get("txHash")));
        assertThat(flows.balance(client)).containsEntry("buyingPowerUsd", "19.00");
        assertLedgerBalanced();
    }

    @Test
    void theDuePathCreatesTheUsersVirtualAccountOnFirstUseAndReusesIt() {
        GatewayClient client = flows.approvedUserWithWallets();
        flows.transfer(flows.walletAddress(client, "ETHEREUM"), "30.000000");
        flows.onlyDepositIn(client, "BROKER_FUNDED");

        String first = WithdrawalWatch.withdrawAndWatch(
                        flows,
                        StackSuite.port(gateway),
                        client,
                        "alpaca",
                        "/v1/accounts/*/transfers",
                        "4.00",
                        "ETHEREUM",
                        WithdrawalToAddressTest.ETHEREUM_TARGET)
                .withdrawalId();
        String user = queryOne("SELECT user_id FROM withdrawals WHERE id = '" + first + "'");
        String reference = "stack-" + user + "-ethereum";
        List<Map<String, Object>> accounts =
                flows.list("/sandbox/due/virtual_accounts?reference=" + reference, "virtualAccounts");
        assertThat(accounts).hasSize(1);
        String virtualAccount = (String) accounts.get(0).get("id");
        assertThat(queryOne(
                        "SELECT virtual_account_id FROM due_virtual_accounts WHERE reference = '" + reference + "'"))
                .isEqualTo(virtualAccount);

        String second = WithdrawalWatch.withdrawAndWatch(
                        flows,
                        StackSuite.port(gateway),
                        client,
                        "alpaca",
                        "/v1/accounts/*/transfers",
                        "3.00",
                        "ETHEREUM",
                        WithdrawalToAddressTest.ETHEREUM_TARGET)
                .withdrawalId();
        for (String id : List.of(first, second)) {
            assertThat(client.graphQl(WithdrawalToAddressTest.WITHDRAWAL, Map.of("id", id))
                            .<Map<String, Object>>at("withdrawal"))
                    .containsEntry("status", "COMPLETE");
        }
        // still the one account, and both on-ramps converted from it
        assertThat(flows.list("/sandbox/due/virtual_accounts?reference=" + reference, "virtualAccounts"))
                .hasSize(1);
        assertThat(flows.list("/sandbox/due/transfers", "transfers"))
                .filteredOn(transfer -> virtualAccount.equals(transfer.get("sender")))
                .hasSize(2);
        assertThat(flows.balance(client)).containsEntry("buyingPowerUsd", "23.00");
        assertLedgerBalanced();
    }

    @Test
    void whenDuesOnRampFailsDueWiresTheUsdBackToAlpacaAndTheHoldIsReleased() {
        GatewayClient client = flows.approvedUserWithWallets();
        flows.transfer(flows.walletAddress(client, "ETHEREUM"), "30.000000");
        flows.onlyDepositIn(client, "BROKER_FUNDED");
        flows.control("/sandbox/due/transfers/fail-next", Map.of("count", 1, "failureReason", "compliance_hold"));

        GatewayClient.Response initiated = client.graphQl(
                WithdrawalRequestTest.INITIATE,
                WithdrawalRequestTest.input("9.00", "ETHEREUM", WithdrawalToAddressTest.ETHEREUM_TARGET));
        assertThat(initiated.errors()).isEmpty();
        String id = initiated.at("initiateWithdrawal.id");

        Map<String, Object> failed = await().atMost(DepositFlows.WITHIN)
                .until(
                        () -> client.graphQl(WithdrawalToAddressTest.WITHDRAWAL, Map.of("id", id))
                                .<Map<String, Object>>at("withdrawal"),
                        withdrawal -> "FAILED".equals(withdrawal.get("status"))
                                || "COMPLETE".equals(withdrawal.get("status")));
        assertThat(failed).containsEntry("status", "FAILED").containsEntry("txHash", null);
        assertThat((String) failed.get("failureReason")).contains("compliance_hold");
        // the compensation: Due wires the USD from the virtual account back to the user's Alpaca account; the hold is
        // released once Alpaca reports that incoming wire complete
        await().atMost(DepositFlows.WITHIN)
                .untilAsserted(() -> assertThat(flows.balance(client)).containsEntry("buyingPowerUsd", "30.00"));
        assertThat(queryOne("SELECT compensation || ':' || compensation_done || ':' || (broker_refund_ref LIKE 'tf_%')"
                        + " FROM withdrawals WHERE id = '" + id + "'"))
                .isEqualTo("broker_refund:true:true");
        String user = queryOne("SELECT user_id FROM withdrawals WHERE id = '" + id + "'");
        String account = alpacaAccountOf(user);
        assertThat(flows.list("/sandbox/alpaca/transfers?account=" + account + "&direction=INCOMING", "transfers"))
                .singleElement()
                .satisfies(wire -> assertThat(wire)
                        .containsEntry("status", "COMPLETE")
                        .containsEntry("amount", "9.00")
                        .containsEntry("additional_information", "STACK refund of withdrawal " + id));
        String virtualAccount = (String)
                flows.list("/sandbox/due/virtual_accounts?reference=stack-" + user + "-ethereum", "virtualAccounts")
                        .get(0)
                        .get("id");
        assertThat(flows.list("/sandbox/due/transfers", "transfers"))
                .filteredOn(transfer -> ("STACK refund of withdrawal " + id).equals(transfer.get("memo")))
                .singleElement()
                .satisfies(refund -> assertThat(refund).containsEntry("sender", virtualAccount));
        assertThat(flows.list("/sandbox/due/virtual_accounts?reference=stack-" + user + "-ethereum", "virtualAccounts"))
                .singleElement()
                .satisfies(va -> assertThat(va).containsEntry("balance", "0.00"));
        assertThat(flows.list("/sandbox/circle/transactions?refId=withdrawal-" + id + "-1", "transactions"))
                .isEmpty();
        assertLedgerBalanced();
    }
}
