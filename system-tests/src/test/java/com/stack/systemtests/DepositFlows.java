package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What the deposit system tests do as a user and as the outside world: sign up and pass KYC through a
 * gateway, read deposits and the balance, send USDC on the sandbox's chain, inject partner faults, and check
 * funding's ledger. Blocking: this is test code.
 */
final class DepositFlows {

    static final Duration WITHIN = Duration.ofSeconds(45);
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    static final String DEPOSITS = """
            { me { balance { pendingDepositsUsd buyingPowerUsd }
                   deposits { edges { node { id chain txHash amountUsdc status failureReason } } } } }""";

    private final StackSuite suite;
    private final String gatewayUrl;

    DepositFlows(StackSuite suite, String gatewayUrl) {
        this.suite = suite;
        this.gatewayUrl = gatewayUrl;
    }

    GatewayClient approvedUserWithWallets() {
        GatewayClient client =
                new GatewayClient(gatewayUrl, suite.issuer().token("auth0|" + UUID.randomUUID(), "u@example.com"));
        assertThat(client.graphQl(
                                "mutation($e: String!) { signUp(input: {email: $e}) { id } }",
                                Map.of("e", UUID.randomUUID() + "@example.com"))
                        .errors())
                .isEmpty();
        assertThat(client.graphQl("""
                mutation { submitKyc(input: {firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1990-12-10",
                  country: "GB", documentNumber: "D1234567"}) { kycStatus } }""").errors()).isEmpty();
        await().atMost(WITHIN)
                .until(
                        () -> client.graphQl("{ me { wallets { status } } }")
                                .<List<Map<String, Object>>>at("me.wallets"),
                        wallets -> wallets != null && wallets.size() == 2);
        return client;
    }

    String walletAddress(GatewayClient client, String chain) {
        return client.graphQl("query($c: Chain!) { depositAddress(chain: $c) { address } }", Map.of("c", chain))
                .at("depositAddress.address");
    }

    List<Map<String, Object>> deposits(GatewayClient client) {
        List<Map<String, Object>> edges = client.graphQl(DEPOSITS).at("me.deposits.edges");
        return edges.stream()
                .map(edge -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> node = (Map<String, Object>) edge.get("node");
                    return node;
                })
                .toList();
    }

    /** Waits until the user has exactly one deposit, in {@code status}; returns it. */
    Map<String, Object> onlyDepositIn(GatewayClient client, String status) {
        return await().atMost(WITHIN)
                .until(
                        () -> deposits(client),
                        found -> found.size() == 1 && status.equals(found.get(0).get("status")))
                .get(0);
    }

    Map<String, Object> balance(GatewayClient client) {
        return client.graphQl(DEPOSITS).at("me.balance");
    }

    List<Map<String, Object>> notifications(GatewayClient client) {
        return client.graphQl("{ notifications { kind title body } }").at("notifications");
    }

    Map<String, Object> transfer(String address, String amount) {
        return sandbox()
                .post()
                .uri("/sandbox/chain/transfers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("address", address, "amount", amount))
                .retrieve()
                .bodyToMono(JSON)
                .block(WITHIN);
    }

    void fault(Map<String, Object> fault) {
        sandbox()
                .post()
                .uri("/sandbox/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(fault)
                .retrieve()
                .toBodilessEntity()
                .block(WITHIN);
    }

    void clearFaults() {
        sandbox().delete().uri("/sandbox/faults").retrieve().toBodilessEntity().block(WITHIN);
    }

    void control(String path, Map<String, Object> body) {
        sandbox()
                .post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .toBodilessEntity()
                .block(WITHIN);
    }

    /** The list under {@code key} of a sandbox control API's answer ({@code {"deposits": [...]}}). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String path, String key) {
        return (List<Map<String, Object>>) sandbox()
                .get()
                .uri(path)
                .retrieve()
                .bodyToMono(JSON)
                .block(WITHIN)
                .get(key);
    }

    WebClient sandbox() {
        return WebClient.create(suite.sandboxUrl());
    }

    /** Funding's journals whose entries do not sum to zero per currency (one row each). */
    static final String UNBALANCED_JOURNALS = "SELECT e.journal_id FROM ledger_entries e"
            + " JOIN ledger_accounts a ON a.id = e.account_id GROUP BY e.journal_id, a.currency HAVING SUM(e.amount) <> 0";
    /** Funding's user accounts below zero (one row each). */
    static final String NEGATIVE_USER_ACCOUNTS = "SELECT a.id FROM ledger_accounts a"
            + " JOIN ledger_entries e ON e.account_id = a.id WHERE a.user_id IS NOT NULL GROUP BY a.id HAVING SUM(e.amount) < 0";

    /** Funding's ledger invariant, as its health indicator reports it: every journal balanced, no user below zero. */
    void assertLedgerBalanced(String funding) {
        assertThat(suite.queryOne(funding, "SELECT count(*) FROM (" + UNBALANCED_JOURNALS + ") unbalanced"))
                .isEqualTo("0");
        assertThat(suite.queryOne(funding, "SELECT count(*) FROM (" + NEGATIVE_USER_ACCOUNTS + ") negative"))
                .isEqualTo("0");
        assertThat(suite.queryOne(funding, "SELECT COALESCE(SUM(amount), 0) = 0 FROM ledger_entries"))
                .isEqualTo("true");
        // and the service says so to its operators (the health indicator reuses a check for 10 s)
        String url = "http://127.0.0.1:" + StackSuite.port(suite.service(funding));
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(WebClient.create(url)
                                .get()
                                .uri("/actuator/health/ledger")
                                .retrieve()
                                .bodyToMono(JSON)
                                .block(WITHIN))
                        .containsEntry("status", "UP"));
    }
}
