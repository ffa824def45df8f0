package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.stack.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The order saga survives a crash of either side: investing and funding run as their own processes and each is
 * killed (SIGKILL) once while orders are in flight under broker faults (5xx and timeouts on order placement,
 * duplicated and reordered order events), then started again on the same database. Every order ends in one final
 * status, the broker holds exactly one order per STACK order, each fill is applied once (investing's filled amount
 * equals the broker's cost of the order, and each user's position equals what the broker filled for the account, as
 * investing's own reconciler also finds), and funding holds nothing once all are final: buying power is the deposit
 * minus exactly what was filled. Investing's kill is checked to have left orders in flight, as funding's is.
 *
 * <p>The pair runs on topics of its own (a suffix of its own), so no other funding answers its reservations; it
 * learns its users' wallets from the test (rows the shared wallet service's events would have given it), and Circle
 * notifies it directly.
 */
class OrderCrashTest {

    static final int USERS = 3;
    static final int ORDERS_PER_USER = 8;
    static final String AMOUNT = "5.00";
    static final Duration WITHIN = Duration.ofMinutes(4);

    static StackSuite suite;
    static OrderFlows shared;
    static String fundingDatabase;
    static String investingDatabase;
    static int fundingPort;
    static int investingPort;
    static Process funding;
    static Process investing;
    static ConfigurableApplicationContext gateway;
    static DatabaseClient fundingDb;
    static DatabaseClient investingDb;
    static final String TOPICS = StackSuite.TOPIC_SUFFIX + ".crash";

    @BeforeAll
    static void start() throws IOException {
        suite = StackSuite.shared();
        shared = new OrderFlows(suite, suite.gatewayUrl(), suite.service("funding"), suite.service("investing"));
        fundingDatabase = TestInfrastructure.freshDatabase("stack_funding_order_crash_system");
        investingDatabase = TestInfrastructure.freshDatabase("stack_investing_order_crash_system");
        fundingPort = StackSuite.freePort();
        investingPort = StackSuite.freePort();
        fundingDb = ServiceProcess.databaseClient(fundingDatabase);
        investingDb = ServiceProcess.databaseClient(investingDatabase);
        funding = startFunding();
        investing = startInvesting();
        Map<String, String> subgraphs = new LinkedHashMap<>(suite.subgraphUrls());
        subgraphs.put("funding", "http://127.0.0.1:" + fundingPort + "/graphql");
        subgraphs.put("investing", "http://127.0.0.1:" + investingPort + "/graphql");
        gateway = suite.startGateway(subgraphs, "20s");
        shared.deposits()
                .sandbox()
                .post()
                .uri("/circle/v2/notifications/subscriptions")
                .headers(h -> h.setBearerAuth(suite.circleApiKey()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("endpoint", "http://127.0.0.1:" + fundingPort + "/webhooks/circle"))
                .retrieve()
                .toBodilessEntity()
                .block(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        for (Process process : new Process[] {investing, funding}) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
        shared.deposits().clearFaults();
        shared.resetMarket();
    }

    static Process startFunding() throws IOException {
        return ServiceProcess.start(
                suite,
                "funding-service",
                fundingDatabase,
                fundingPort,
                List.of(
                        "--stack.messaging.topic-suffix=" + TOPICS,
                        "--stack.messaging.consumer-group=funding-order-crash-" + TestInfrastructure.runId()));
    }

    static Process startInvesting() throws IOException {
        return ServiceProcess.start(
                suite,
                "investing-service",
                investingDatabase,
                investingPort,
                List.of(
                        "--stack.messaging.topic-suffix=" + TOPICS,
                        "--stack.messaging.consumer-group=investing-order-crash-" + TestInfrastructure.runId(),
                        "--stack.investing.reconciliation.interval=2s"));
    }

    static long count(DatabaseClient db, String sql) {
        return Long.parseLong(
                String.valueOf(db.sql(sql).map(row -> row.get(0)).first().block(Duration.ofSeconds(10))));
    }

    /** A user approved through the shared suite, known to this funding, whose 100 USDC deposit it credited. */
    GatewayClient fundedUser(String gatewayUrl) {
        GatewayClient approved = shared.deposits().approvedUserWithWallets();
        GatewayClient client = new GatewayClient(gatewayUrl, approved.token());
        List<Map<String, Object>> wallets =
                approved.graphQl("{ me { id wallets { id chain address } } }").at("me.wallets");
        String userId = approved.graphQl("{ me { id } }").at("me.id");
        String address = null;
        for (Map<String, Object> wallet : wallets) {
            fundingDb
                    .sql("INSERT INTO known_wallets (wallet_id, user_id, chain, address, created_at)"
                            + " VALUES (:w, :u, :c, :a, :t) ON CONFLICT DO NOTHING")
                    .bind("w", UUID.fromString((String) wallet.get("id")))
                    .bind("u", UUID.fromString(userId))
                    .bind("c", ((String) wallet.get("chain")).toLowerCase(java.util.Locale.ROOT))
                    // as WalletCreated records it: an Ethereum address in lower case
                    .bind(
                            "a",
                            "ETHEREUM".equals(wallet.get("chain"))
                                    ? ((String) wallet.get("address")).toLowerCase(java.util.Locale.ROOT)
                                    : wallet.get("address"))
                    .bind("t", OffsetDateTime.now())
                    .then()
                    .block(Duration.ofSeconds(10));
            if ("ETHEREUM".equals(wallet.get("chain"))) {
                address = (String) wallet.get("address");
            }
        }
        shared.deposits().transfer(address, "100.000000");
        await().atMost(WITHIN)
                .untilAsserted(
                        () -> assertThat(new BigDecimal((String) client.graphQl("{ me { portfolio { cashUsd } } }")
                                        .at("me.portfolio.cashUsd")))
                                .isEqualByComparingTo("100.00"));
        return client;
    }

    @Test
    void ordersSurviveKillingInvestingAndFundingUnderBrokerFaultsAndEachFillCountsOnce() throws Exception {
        String gatewayUrl = "http://127.0.0.1:" + StackSuite.port(gateway);
        List<GatewayClient> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(fundedUser(gatewayUrl));
        }
        // every order fills in two steps (two events), DriveWealth's queue duplicates and reorders them, and
        // order placement fails now and then
        shared.marketBehaviour("CRSH", "SPLIT");
        DepositFlows faults = shared.deposits();
        faults.fault(Map.of(
                "partner", "drivewealth", "delivery", "*", "kind", "duplicate", "probability", 0.3, "count", 1000));
        faults.fault(Map.of(
                "partner", "drivewealth", "delivery", "*", "kind", "reorder", "probability", 0.3, "count", 1000));
        faults.fault(Map.of(
                "partner",
                "drivewealth",
                "method",
                "POST",
                "pathPattern",
                "/orders",
                "status",
                503,
                "probability",
                0.2,
                "count",
                1000));
        faults.fault(Map.of(
                "partner",
                "drivewealth",
                "method",
                "POST",
                "pathPattern",
                "/orders",
                "timeout",
                true,
                "probability",
                0.1,
                "count",
                1000));

        List<String> ids = new ArrayList<>();
        for (int round = 0; round < ORDERS_PER_USER; round++) {
            for (GatewayClient user : users) {
                GatewayClient.Response response = user.graphQl(
                        OrderFlows.PLACE,
                        Map.of(
                                "i",
                                Map.of(
                                        "symbol",
                                        "CRSH",
                                        "side",
                                        "BUY",
                                        "amountUsd",
                                        AMOUNT,
                                        "idempotencyKey",
                                        UUID.randomUUID().toString())));
                assertThat(response.errors()).isEmpty();
                ids.add(response.at("placeOrder.id"));
            }
            if (round == 2) {
                // investing dies with orders awaiting their reservation, at the broker, and half filled
                investing.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                // what it left behind is the state at the kill: some orders must have been in flight
                long openAtKill = count(
                        investingDb, "SELECT count(*) FROM orders WHERE status NOT IN ('filled','failed','canceled')");
                investing = startInvesting();
                assertThat(openAtKill)
                        .as("investing must die with orders in flight")
                        .isPositive();
            }
        }
        // funding dies while fills are being settled
        await().atMost(WITHIN)
                .until(() -> count(investingDb, "SELECT count(*) FROM orders WHERE filled_amount_usd > 0") > 0);
        funding.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long finalBeforeRestart =
                count(investingDb, "SELECT count(*) FROM orders WHERE status IN ('filled','failed','canceled')");
        funding = startFunding();
        assertThat(finalBeforeRestart)
                .as("funding must die with orders in flight")
                .isLessThan(ids.size());
        faults.clearFaults();

        await().atMost(WITHIN)
                .pollInterval(Duration.ofSeconds(1))
                .until(() ->
                        count(investingDb, "SELECT count(*) FROM orders WHERE status IN ('filled','failed','canceled')")
                                == ids.size());
        assertThat(count(investingDb, "SELECT count(*) FROM orders")).isEqualTo(ids.size());
        assertThat(count(investingDb, "SELECT count(*) FROM orders WHERE status = 'filled'"))
                .isEqualTo(ids.size());

        // the broker: one order per STACK order, and its cost is what investing filled
        List<Map<String, Object>> atTheBroker = new ArrayList<>();
        List<String> accounts = investingDb
                .sql("SELECT DISTINCT broker_account_id FROM orders")
                .map(row -> row.get(0, String.class))
                .all()
                .collectList()
                .block(Duration.ofSeconds(10));
        for (String account : accounts) {
            atTheBroker.addAll(shared.deposits().list("/sandbox/market/orders?accountId=" + account, "orders"));
        }
        assertThat(atTheBroker).hasSize(ids.size());
        assertThat(atTheBroker.stream()
                        .map(order -> String.valueOf(order.get("clientOrderId")))
                        .toList())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids);
        for (Map<String, Object> order : atTheBroker) {
            String filled = String.valueOf(investingDb
                    .sql("SELECT filled_amount_usd FROM orders WHERE id = :id")
                    .bind("id", UUID.fromString(String.valueOf(order.get("clientOrderId"))))
                    .map(row -> row.get(0))
                    .one()
                    .block(Duration.ofSeconds(10)));
            assertThat(new BigDecimal(filled)).isEqualByComparingTo(new BigDecimal(String.valueOf(order.get("cost"))));
        }

        // positions: what investing holds per user is what the broker filled for the user's account (a fill applied
        // twice would double a position without changing an order's filled amount)
        Map<String, BigDecimal> filledAtTheBroker = new LinkedHashMap<>();
        for (Map<String, Object> order : atTheBroker) {
            filledAtTheBroker.merge(
                    String.valueOf(order.get("accountId")),
                    new BigDecimal(String.valueOf(order.get("filledQty"))),
                    BigDecimal::add);
        }
        Map<String, BigDecimal> heldHere = new LinkedHashMap<>();
        investingDb
                .sql("SELECT o.broker_account_id, p.quantity FROM positions p JOIN (SELECT DISTINCT user_id,"
                        + " broker_account_id FROM orders) o ON o.user_id = p.user_id WHERE p.symbol = 'CRSH'")
                .map(row -> Map.entry(row.get(0, String.class), row.get(1, BigDecimal.class)))
                .all()
                .doOnNext(held -> heldHere.merge(held.getKey(), held.getValue(), BigDecimal::add))
                .blockLast(Duration.ofSeconds(10));
        assertThat(heldHere.keySet()).containsExactlyInAnyOrderElementsOf(filledAtTheBroker.keySet());
        filledAtTheBroker.forEach((account, quantity) ->
                assertThat(heldHere.get(account)).as("CRSH held for " + account).isEqualByComparingTo(quantity));
        // and investing's own reconciler, run every 2 s in this pair, finds the broker holding the same positions. Not
        // the same cash: the shared suite's funding also hears Circle about these users' deposits and funds the same
        // DriveWealth account (one per user), so the broker holds 100.00 more than this pair's ledger knows of
        await().atMost(WITHIN).untilAsserted(() -> {
            Map<String, Object> health = WebClient.create()
                    .get()
                    .uri("http://127.0.0.1:" + investingPort + "/actuator/health/brokerReconciliation")
                    .exchangeToMono(response -> response.bodyToMono(DepositFlows.JSON))
                    .block(Duration.ofSeconds(10));
            assertThat(health.get("details"))
                    .as("investing's reconciliation")
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("accountsCompared", USERS)
                    .containsEntry("positionDrift", List.of());
        });

        // funding: nothing held, buying power = deposit - filled, one hold per order, ledger balanced
        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(new BigDecimal(String.valueOf(fundingDb
                                .sql(
                                        "SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id"
                                                + " WHERE a.kind = 'user_pending_order'")
                                .map(row -> row.get(0))
                                .one()
                                .block(Duration.ofSeconds(10)))))
                        .isZero());
        BigDecimal filledTotal = new BigDecimal(String.valueOf(investingDb
                .sql("SELECT SUM(filled_amount_usd) FROM orders")
                .map(row -> row.get(0))
                .one()
                .block(Duration.ofSeconds(10))));
        BigDecimal buyingPower = new BigDecimal(String.valueOf(fundingDb
                .sql("SELECT SUM(e.amount) FROM ledger_entries e"
                        + " JOIN ledger_accounts a ON a.id = e.account_id WHERE a.kind = 'user_buying_power'")
                .map(row -> row.get(0))
                .one()
                .block(Duration.ofSeconds(10))));
        assertThat(buyingPower)
                .isEqualByComparingTo(new BigDecimal("100.00")
                        .multiply(BigDecimal.valueOf(USERS))
                        .subtract(filledTotal));
        assertThat(count(fundingDb, "SELECT count(*) FROM ledger_journal WHERE reference LIKE 'order:%:held'"))
                .isEqualTo(ids.size());
        assertThat(
                        count(
                                fundingDb,
                                "SELECT count(*) FROM (SELECT e.journal_id FROM ledger_entries e JOIN ledger_accounts a"
                                        + " ON a.id = e.account_id GROUP BY e.journal_id, a.currency HAVING SUM(e.amount) <> 0) unbalanced"))
                .isZero();
        assertThat(
                        count(
                                fundingDb,
                                "SELECT count(*) FROM (SELECT a.id FROM ledger_accounts a JOIN ledger_entries e"
                                        + " ON e.account_id = a.id WHERE a.user_id IS NOT NULL GROUP BY a.id HAVING SUM(e.amount) < 0) negative"))
                .isZero();
    }
}
