package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.stack.investing.order.app.OrderReconciler;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * What the order system tests do as a user and as the market: fund a user through a real deposit, place,
 * cancel and read orders and the portfolio through a gateway, steer the sandbox's market, and check that
 * funding's ledger settled every order (nothing left held once an order is final). Blocking: this is test code.
 */
final class OrderFlows {

    static final Duration WITHIN = Duration.ofSeconds(60);
    static final Set<String> FINAL = Set.of("FILLED", "FAILED", "CANCELED");
    static final String ORDER_FIELDS = """
            id status side amountUsd filledAmountUsd filledQuantity averagePrice failureReason assetType symbol
            option { symbol contracts } children { id symbol status amountUsd filledAmountUsd }""";
    static final String PLACE = "mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { " + ORDER_FIELDS + " } }";

    private final StackSuite suite;
    private final DepositFlows deposits;
    private final ConfigurableApplicationContext funding;
    private final ConfigurableApplicationContext investing;
    private final String gatewayUrl;

    /**
     * Orders through the gateway at {@code gatewayUrl}, run by {@code investing} and settled by {@code funding} (the
     * shared suite's or another pair).
     */
    OrderFlows(
            StackSuite suite,
            String gatewayUrl,
            ConfigurableApplicationContext funding,
            ConfigurableApplicationContext investing) {
        this.suite = suite;
        this.deposits = new DepositFlows(suite, gatewayUrl);
        this.funding = funding;
        this.investing = investing;
        this.gatewayUrl = gatewayUrl;
    }

    DepositFlows deposits() {
        return deposits;
    }

    /** A KYC-approved user whose USDC deposit became {@code usd} of buying power. */
    GatewayClient fundedUser(String usd) {
        GatewayClient client = deposits.approvedUserWithWallets();
        deposits.transfer(deposits.walletAddress(client, "ETHEREUM"), usd + "0000");
        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(deposits.balance(client)).containsEntry("buyingPowerUsd", usd));
        // investing knows the buying power from funding's events (its portfolio's cash): orders check it first
        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(
                                new BigDecimal((String) portfolio(client).get("cashUsd")))
                        .isEqualByComparingTo(usd));
        return client;
    }

    static Map<String, Object> symbolOrder(String symbol, String side, String amount) {
        return input(Map.of("symbol", symbol, "side", side, "amountUsd", amount));
    }

    static Map<String, Object> basketOrder(String basketId, String side, String amount) {
        return input(Map.of("basketId", basketId, "side", side, "amountUsd", amount));
    }

    static Map<String, Object> optionOrder(
            String underlying,
            String expiration,
            String strike,
            String type,
            int contracts,
            String side,
            String amount) {
        return input(Map.of(
                "option",
                Map.of(
                        "underlying",
                        underlying,
                        "expiration",
                        expiration,
                        "strike",
                        strike,
                        "type",
                        type,
                        "contracts",
                        contracts),
                "side",
                side,
                "amountUsd",
                amount));
    }

    private static Map<String, Object> input(Map<String, Object> fields) {
        Map<String, Object> input = new LinkedHashMap<>(fields);
        input.put("idempotencyKey", UUID.randomUUID().toString());
        return input;
    }

    GatewayClient.Response place(GatewayClient client, Map<String, Object> input) {
        return client.graphQl(PLACE, Map.of("i", input));
    }

    /** Places the order and expects it accepted (PENDING); its id. */
    String placed(GatewayClient client, Map<String, Object> input) {
        GatewayClient.Response response = place(client, input);
        assertThat(response.errors()).as("placeOrder %s", input).isEmpty();
        assertThat(response.<String>at("placeOrder.status")).isEqualTo("PENDING");
        return response.at("placeOrder.id");
    }

    Map<String, Object> order(GatewayClient client, String id) {
        return client.graphQl("query($id: ID!) { order(id: $id) { " + ORDER_FIELDS + " } }", Map.of("id", id))
                .at("order");
    }

    Map<String, Object> awaitStatus(GatewayClient client, String id, String status) {
        return await().atMost(WITHIN)
                .until(() -> order(client, id), order -> order != null && status.equals(order.get("status")));
    }

    Map<String, Object> awaitFinal(GatewayClient client, String id) {
        return await().atMost(WITHIN)
                .until(() -> order(client, id), order -> order != null && FINAL.contains((String) order.get("status")));
    }

    GatewayClient.Response cancel(GatewayClient client, String id) {
        return client.graphQl("mutation($id: ID!) { cancelOrder(id: $id) { id status } }", Map.of("id", id));
    }

    Map<String, Object> portfolio(GatewayClient client) {
        return client.graphQl("""
                { me { portfolio { totalValueUsd cashUsd dayChangeUsd
                    positions { symbol quantity averagePrice marketValue unrealizedPnl assetType costBasisUsd } } } }""").at("me.portfolio");
    }

    String buyingPower(GatewayClient client) {
        return (String) deposits.balance(client).get("buyingPowerUsd");
    }

    /** The first basket of the catalogue with its composition. */
    Map<String, Object> basket(String riskLevel) {
        GatewayClient anyone =
                new GatewayClient(gatewayUrl, suite.issuer().token("auth0|" + UUID.randomUUID(), "b@example.com"));
        List<Map<String, Object>> baskets = anyone.graphQl("{ baskets { id riskLevel composition { symbol weight } } }")
                .at("baskets");
        return baskets.stream()
                .filter(b -> riskLevel.equals(b.get("riskLevel")))
                .findFirst()
                .orElseThrow();
    }

    /** Sets how the sandbox's market fills orders in {@code symbol}: FILL, SPLIT, PARTIAL, REST, REJECT. */
    void marketBehaviour(String symbol, String mode) {
        deposits.sandbox()
                .put()
                .uri("/sandbox/market/behaviour/{symbol}", symbol)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("mode", mode, "fraction", 0.5))
                .retrieve()
                .toBodilessEntity()
                .block(WITHIN);
    }

    void resetMarket() {
        deposits.sandbox()
                .delete()
                .uri("/sandbox/market/behaviour")
                .retrieve()
                .toBodilessEntity()
                .block(WITHIN);
    }

    /** Funding's ledger balance of one of the user's accounts ({@code user_buying_power}, {@code user_pending_order}). */
    BigDecimal ledgerBalance(String userId, String kind) {
        return new BigDecimal(fundingQuery("SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entries e"
                + " JOIN ledger_accounts a ON a.id = e.account_id WHERE a.user_id = '" + userId + "' AND a.kind = '"
                + kind + "'"));
    }

    String userId(GatewayClient client) {
        return client.graphQl("{ me { id } }").at("me.id");
    }

    /**
     * Once every order of the user is final, funding holds nothing for them any more, its ledger balances with no
     * user account below zero, and investing's reconciliation finds the broker holding exactly the user's positions
     * and, in cash, exactly the buying power funding's ledger shows.
     */
    void assertSettled(GatewayClient client) {
        String userId = userId(client);
        await().atMost(WITHIN)
                .untilAsserted(() ->
                        assertThat(ledgerBalance(userId, "user_pending_order")).isZero());
        await().atMost(WITHIN).untilAsserted(() -> {
            OrderReconciler.Run run =
                    investing.getBean(OrderReconciler.class).reconcile().block(WITHIN);
            assertThat(run.positionDrift()).noneMatch(drift -> drift.startsWith(userId));
            assertThat(run.cashDrift()).noneMatch(drift -> drift.startsWith(userId));
        });
        assertThat(fundingQuery("SELECT count(*) FROM (SELECT e.journal_id FROM ledger_entries e"
                        + " JOIN ledger_accounts a ON a.id = e.account_id GROUP BY e.journal_id, a.currency"
                        + " HAVING SUM(e.amount) <> 0) unbalanced"))
                .isEqualTo("0");
        assertThat(fundingQuery("SELECT count(*) FROM (SELECT a.id FROM ledger_accounts a"
                        + " JOIN ledger_entries e ON e.account_id = a.id WHERE a.user_id IS NOT NULL"
                        + " GROUP BY a.id HAVING SUM(e.amount) < 0) negative"))
                .isEqualTo("0");
    }

    /** The first column of the first row of {@code sql} in funding's database, as text. */
    String fundingQuery(String sql) {
        return funding.getBean(DatabaseClient.class)
                .sql(sql)
                .map(row -> String.valueOf(row.get(0)))
                .first()
                .block(Duration.ofSeconds(10));
    }

    static BigDecimal decimal(Map<String, Object> map, String key) {
        return new BigDecimal((String) map.get(key));
    }
}
