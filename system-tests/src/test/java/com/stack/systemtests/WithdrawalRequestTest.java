package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code initiateWithdrawal} through the gateway (the withdrawal saga's first step; the rest: {@link WithdrawalToAddressTest}): a user whose deposit became buying
 * power asks for withdrawals; bad input gets its code and holds nothing; a valid one is PENDING with its amount
 * held; the gateway limits the mutation per user in Redis; another user cannot read the withdrawal.
 */
class WithdrawalRequestTest {

    static final String INITIATE = """
            mutation($input: WithdrawalInput!) { initiateWithdrawal(input: $input) { id status amountUsd address } }""";

    static final String SOLANA_TARGET = com.stack.contracts.chains.SolanaAddress.of(
            "a solana key of exactly 32 bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    static StackSuite suite;
    static DepositFlows flows;

    @BeforeAll
    static void startSuite() {
        suite = StackSuite.shared();
        flows = new DepositFlows(suite, suite.gatewayUrl());
    }

    static Map<String, Object> input(String amount, String chain, String address) {
        return Map.of(
                "input",
                Map.of(
                        "amountUsd",
                        amount,
                        "chain",
                        chain,
                        "address",
                        address,
                        "idempotencyKey",
                        "k-" + UUID.randomUUID()));
    }

    static List<Object> codes(GatewayClient.Response response) {
        return response.errors().stream()
                .map(e -> (Object) ((Map<?, ?>) e.get("extensions")).get("code"))
                .toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFundedUserWithdrawsWithinTheBuyingPowerAndTheGatewayLimitsTheRate() {
        GatewayClient client = flows.approvedUserWithWallets();
        flows.transfer(flows.walletAddress(client, "ETHEREUM"), "20.000000");
        flows.onlyDepositIn(client, "BROKER_FUNDED");
        String target = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

        // refused at the boundary: its code, nothing held
        GatewayClient.Response tooMuch = client.graphQl(INITIATE, input("20.01", "ETHEREUM", target));
        assertThat(tooMuch.errors())
                .singleElement()
                .satisfies(error -> assertThat((Map<String, Object>) error.get("extensions"))
                        .containsEntry("code", "INSUFFICIENT_BUYING_POWER")
                        .containsEntry("field", "amountUsd"));
        GatewayClient.Response checksum = client.graphQl(INITIATE, input("1", "ETHEREUM", target.replace('a', 'A')));
        assertThat(codes(checksum)).containsExactly("INVALID_ADDRESS_CHECKSUM");

        // three valid withdrawals: each PENDING, each held
        for (int i = 0; i < 3; i++) {
            GatewayClient.Response ok = client.graphQl(INITIATE, input("2.50", "ETHEREUM", target.toLowerCase()));
            assertThat(ok.errors()).isEmpty();
            assertThat(ok.<String>at("initiateWithdrawal.status")).isEqualTo("PENDING");
            assertThat(ok.<String>at("initiateWithdrawal.address")).isEqualTo(target);
        }
        assertThat(flows.balance(client)).containsEntry("buyingPowerUsd", "12.50");
        assertThat(client.graphQl("{ me { balance { pendingWithdrawalsUsd } } }")
                        .<String>at("me.balance.pendingWithdrawalsUsd"))
                .isEqualTo("7.50");

        // five initiateWithdrawal calls a minute per user (the two refused ones counted too): the sixth is 429
        GatewayClient.Response limited = client.graphQl(INITIATE, input("1.00", "ETHEREUM", target));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(codes(limited)).containsExactly("RATE_LIMITED");
        assertThat(flows.balance(client)).containsEntry("buyingPowerUsd", "12.50");

        // another user sees nothing of them
        List<Map<String, Object>> mine = client.graphQl("{ me { withdrawals { edges { node { id } } } } }")
                .at("me.withdrawals.edges");
        assertThat(mine).hasSize(3);
        String id = (String) ((Map<?, ?>) mine.get(0).get("node")).get("id");
        GatewayClient stranger = flows.approvedUserWithWallets();
        assertThat(stranger.graphQl("query($id: ID!) { withdrawal(id: $id) { id } }", Map.of("id", id))
                        .<Object>at("withdrawal"))
                .isNull();
    }

    String withdrawalStatus(GatewayClient client, String id) {
        return client.graphQl("query($id: ID!) { withdrawal(id: $id) { status } }", Map.of("id", id))
                .at("withdrawal.status");
    }

    @Test
    void aBrokerThatRejectsTheWithdrawalFailsItAndReleasesTheHold() {
        GatewayClient client = flows.approvedUserWithWallets();
        flows.transfer(flows.walletAddress(client, "ETHEREUM"), "20.000000");
        Map<String, Object> deposit = flows.onlyDepositIn(client, "BROKER_FUNDED");
        String account = suite.queryOne(
                "funding",
                "SELECT b.account_no FROM broker_accounts b JOIN deposits d"
                        + " ON d.user_id = b.user_id WHERE d.id = '" + deposit.get("id") + "'");
        flows.control(
                "/sandbox/drivewealth/accounts/" + account + "/reject-funding", Map.of("reason", "account frozen"));

        String id =
                client.graphQl(INITIATE, input("8.00", "SOLANA", SOLANA_TARGET)).at("initiateWithdrawal.id");

        org.awaitility.Awaitility.await()
                .atMost(DepositFlows.WITHIN)
                .until(() -> "FAILED".equals(withdrawalStatus(client, id)));
        assertThat(client.graphQl("query($id: ID!) { withdrawal(id: $id) { failureReason } }", Map.of("id", id))
                        .<String>at("withdrawal.failureReason"))
                .contains("account frozen");
        assertThat(flows.balance(client)).containsEntry("buyingPowerUsd", "20.00");
        org.awaitility.Awaitility.await()
                .atMost(DepositFlows.WITHIN)
                .untilAsserted(() -> assertThat(flows.notifications(client))
                        .filteredOn(n -> "WITHDRAWAL_FAILED".equals(n.get("kind")))
                        .hasSize(1));
        flows.assertLedgerBalanced("funding");
    }
}
