package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The deposit saga (issue #5) as far as it goes today, end to end: USDC sent on the sandbox's chain to a
 * user's Circle wallet becomes a signed {@code transactions.inbound} notification, delivered through
 * the gateway to funding, which records the deposit and the user's pending deposit in the ledger; the
 * saga then off-ramps it with a Circle payout, completed by Circle's signed {@code payouts}
 * notification. (The broker step that turns it into buying power is the next piece of work.)
 */
class InboundDepositTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final String DEPOSITS = """
            { me { balance { pendingDepositsUsd buyingPowerUsd }
                   deposits { edges { node { chain txHash amountUsdc status } } } } }""";

    static StackSuite suite;

    @BeforeAll
    static void startSuite() {
        suite = StackSuite.shared();
    }

    @Test
    void usdcArrivingAtTheUsersWalletIsRecordedOnceAndOffRamped() {
        GatewayClient client = approvedUserWithWallets();
        String address = walletAddress(client, "ETHEREUM");
        // Circle delivers every notification twice
        fault(Map.of("partner", "circle", "delivery", "transactions.inbound", "kind", "duplicate", "count", 2));

        Map<String, Object> transfer = transfer(address, "125.000000");

        List<Map<String, Object>> deposits = await().atMost(WITHIN).until(() -> deposits(client),
                found -> found.size() == 1 && "OFF_RAMP_COMPLETE".equals(found.get(0).get("status")));
        assertThat(deposits.get(0)).containsEntry("chain", "ETHEREUM").containsEntry("txHash", transfer.get("txHash"))
                .containsEntry("amountUsdc", "125.000000");
        GatewayClient.Response balance = client.graphQl(DEPOSITS);
        assertThat(balance.<String>at("me.balance.pendingDepositsUsd")).isEqualTo("125.00");
        assertThat(balance.<String>at("me.balance.buyingPowerUsd")).isEqualTo("0.00");
        // CONFIRMED and COMPLETE, and the payout's notification, each delivered twice: one deposit, one
        // payout at Circle, the user's 125.00 still pending until the broker step funds it
        await().during(Duration.ofSeconds(2)).atMost(WITHIN).untilAsserted(() -> assertThat(deposits(client)).hasSize(1));
        assertThat(suite.queryOne("funding", "SELECT count(*) FROM deposits WHERE tx_hash = '" + transfer.get("txHash")
                + "' AND off_ramp_transfer_id IS NOT NULL")).isEqualTo("1");
        assertThat(client.graphQl(DEPOSITS).<String>at("me.balance.pendingDepositsUsd")).isEqualTo("125.00");
    }

    @Test
    void aFailedPayoutFailsTheDepositWithAReasonAndNoMoneyAppears() {
        GatewayClient client = approvedUserWithWallets();
        sandbox().post().uri("/sandbox/circle/payouts/fail-next").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("count", 1, "errorCode", "bank_account_closed")).retrieve().toBodilessEntity()
                .block(WITHIN);

        transfer(walletAddress(client, "ETHEREUM"), "50.000000");

        List<Map<String, Object>> deposits = await().atMost(WITHIN).until(() -> deposits(client),
                found -> found.size() == 1 && "FAILED".equals(found.get(0).get("status")));
        assertThat(client.graphQl("{ me { deposits { edges { node { failureReason } } } } }")
                .<String>at("me.deposits.edges.0.node.failureReason")).contains("bank_account_closed");
        GatewayClient.Response balance = client.graphQl(DEPOSITS);
        assertThat(balance.<String>at("me.balance.pendingDepositsUsd")).isEqualTo("0.00");
        assertThat(balance.<String>at("me.balance.buyingPowerUsd")).isEqualTo("0.00");
        assertThat(deposits).hasSize(1);
    }

    @Test
    void anAmountWithMoreThanSixDecimalsMovesNothing() {
        GatewayClient client = approvedUserWithWallets();

        transfer(walletAddress(client, "SOLANA"), "10.1234567");

        // the notification is delivered (and refused by the amount rule): nothing is recorded
        await().during(Duration.ofSeconds(3)).atMost(WITHIN).untilAsserted(() -> {
            assertThat(deposits(client)).isEmpty();
            assertThat(client.graphQl(DEPOSITS).<String>at("me.balance.pendingDepositsUsd")).isEqualTo("0.00");
        });
    }

    private static GatewayClient approvedUserWithWallets() {
        GatewayClient client = new GatewayClient(suite.gatewayUrl(),
                suite.issuer().token("auth0|" + UUID.randomUUID(), "u@example.com"));
        assertThat(client.graphQl("mutation($e: String!) { signUp(input: {email: $e}) { id } }",
                Map.of("e", UUID.randomUUID() + "@example.com")).errors()).isEmpty();
        assertThat(client.graphQl("""
                mutation { submitKyc(input: {firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1990-12-10",
                  country: "GB", documentNumber: "D1234567"}) { kycStatus } }""").errors()).isEmpty();
        await().atMost(WITHIN).until(() -> client.graphQl("{ me { wallets { status } } }").<List<Map<String, Object>>>at("me.wallets"),
                wallets -> wallets != null && wallets.size() == 2);
        return client;
    }

    private static String walletAddress(GatewayClient client, String chain) {
        return client.graphQl("query($c: Chain!) { depositAddress(chain: $c) { address } }", Map.of("c", chain))
                .at("depositAddress.address");
    }

    private static List<Map<String, Object>> deposits(GatewayClient client) {
        List<Map<String, Object>> edges = client.graphQl(DEPOSITS).at("me.deposits.edges");
        return edges.stream().map(edge -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> node = (Map<String, Object>) edge.get("node");
            return node;
        }).toList();
    }

    private static Map<String, Object> transfer(String address, String amount) {
        return sandbox().post().uri("/sandbox/chain/transfers").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("address", address, "amount", amount))
                .retrieve().bodyToMono(JSON).block(WITHIN);
    }

    private static void fault(Map<String, Object> fault) {
        sandbox().post().uri("/sandbox/faults").contentType(MediaType.APPLICATION_JSON).bodyValue(fault)
                .retrieve().toBodilessEntity().block(WITHIN);
    }

    private static WebClient sandbox() {
        return WebClient.create(suite.sandboxUrl());
    }
}
