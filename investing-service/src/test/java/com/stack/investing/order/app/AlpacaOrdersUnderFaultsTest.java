package com.stack.investing.order.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.BuyingPowerChanged;
import com.stack.contracts.events.v1.OrderReservationAnswered;
import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.investing.InvestingApplication;
import com.stack.investing.broker.adapters.drivewealth.BrokerSandbox;
import com.stack.investing.broker.app.Broker;
import com.stack.investing.portfolio.app.BuyingPowerReadModel;
import com.stack.testsupport.SubgraphIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order saga on Alpaca under the sandbox's faults: investing (a context of its own, on a database of its own)
 * with its broker loop and Alpaca's {@code trade_updates} stream running against the in-process sandbox, while
 * order placement answers 503, times out, or reaches Alpaca only after the client gave up, and the stream
 * duplicates and reorders its events; every order fills in two steps. Funding's part (reservation answers, buying
 * power) is played by the test. Every order ends FILLED once (one terminal OrderStatusChanged, the amount Alpaca
 * charged for it), one Alpaca order per STACK order, positions equal to Alpaca's and nothing left held.
 */
@SpringBootTest(
        classes = InvestingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=investing-service")
class AlpacaOrdersUnderFaultsTest extends SubgraphIntegrationTest {

    static final BrokerSandbox SANDBOX = BrokerSandbox.shared();
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String GROWTH_EQUITY = "2971974a-fee8-4628-9456-6cbc115b5a91";
    static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "VTI", "QQQ", "VXUS");
    static final String ORDERS_PATH = "/v1/trading/accounts/*/orders";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registerService(registry, "stack_investing_alpaca_faults");
        registry.add("stack.investing.broker.partner", () -> "alpaca");
        registry.add("stack.alpaca.base-url", () -> SANDBOX.url("/alpaca"));
        registry.add("stack.alpaca.data-url", () -> SANDBOX.url("/alpaca/data"));
        registry.add("stack.alpaca.resilience.timeout", () -> "700ms");
        registry.add("stack.alpaca.resilience.initial-backoff", () -> "20ms");
        // the breaker stays closed: the faults are the point, the loop's retries must get through them
        registry.add("stack.alpaca.resilience.minimum-calls", () -> "1000");
        registry.add("stack.alpaca.trade-events.reconnect-backoff", () -> "100ms");
        registry.add("stack.investing.orders.sweep-interval", () -> "200ms");
        registry.add("stack.investing.orders.initial-backoff", () -> "200ms");
        registry.add("stack.investing.orders.max-backoff", () -> "1s");
        registry.add("stack.investing.orders.lease", () -> "5s");
        registry.add("stack.investing.reconciliation.enabled", () -> "false");
    }

    @Autowired
    OrderSaga saga;

    @Autowired
    OrderReconciler reconciler;

    @Autowired
    BuyingPowerReadModel buyingPower;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DatabaseClient db;

    @AfterEach
    void clear() {
        SANDBOX.clearFaults();
        SANDBOX.control()
                .delete()
                .uri("/market/behaviour")
                .retrieve()
                .toBodilessEntity()
                .block(TIMEOUT);
    }

    @Test
    void underPlacementFaultsAndDuplicatedAndReorderedTradeEventsEveryOrderFillsOnceAndPositionsAreAlpacas() {
        Broker.Account account = alpacaAccount("5000.00");
        String subject = newSubject();
        UUID user = userIdOf(subject);
        buyingPower(user, "5000.00", 1);
        SYMBOLS.forEach(symbol -> SANDBOX.controlPut("/market/behaviour/{symbol}", Map.of("mode", "SPLIT"), symbol));
        String duplicate = fault(
                Map.of("partner", "alpaca", "delivery", "*", "kind", "duplicate", "probability", 0.3, "count", 1000));
        String reorder = fault(
                Map.of("partner", "alpaca", "delivery", "*", "kind", "reorder", "probability", 0.3, "count", 1000));
        // the first placements meet each request fault for sure (the first matching fault takes a request), then 503s
        // now and then; a latency fault reaches Alpaca after the client gave up: the retry must find the order placed
        List<String> certain = new ArrayList<>();
        certain.add(fault(
                Map.of("partner", "alpaca", "method", "POST", "pathPattern", ORDERS_PATH, "status", 503, "count", 3)));
        certain.add(fault(Map.of(
                "partner", "alpaca", "method", "POST", "pathPattern", ORDERS_PATH, "timeout", true, "count", 2)));
        certain.add(fault(Map.of(
                "partner", "alpaca", "method", "POST", "pathPattern", ORDERS_PATH, "latencyMs", 1200, "count", 2)));
        fault(Map.of(
                "partner",
                "alpaca",
                "method",
                "POST",
                "pathPattern",
                ORDERS_PATH,
                "status",
                503,
                "probability",
                0.2,
                "count",
                1000));

        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            orders.add(place(
                    subject,
                    Map.of(
                            "symbol",
                            SYMBOLS.get(i % 3),
                            "side",
                            "BUY",
                            "amountUsd",
                            "25.00",
                            "idempotencyKey",
                            "faults-" + i)));
        }
        orders.add(place(
                subject,
                Map.of(
                        "basketId",
                        GROWTH_EQUITY,
                        "side",
                        "BUY",
                        "amountUsd",
                        "100.01",
                        "idempotencyKey",
                        "faults-basket")));
        orders.forEach(order -> reserve(user, order, account));

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> db.sql("SELECT count(*) AS n FROM orders WHERE user_id = :user AND status <> 'filled'")
                                .bind("user", user)
                                .map(row -> row.get("n", Long.class))
                                .one()
                                .block(TIMEOUT)
                        == 0);
        Map<String, Long> hits = faultHits();
        assertThat(hits).as("the certain placement faults, used up").doesNotContainKeys(certain.toArray(String[]::new));
        assertThat(hits.get(duplicate)).as("trade events duplicated").isPositive();
        assertThat(hits.get(reorder)).as("trade events reordered").isPositive();
        SANDBOX.clearFaults();

        // one Alpaca order per order at the broker, and what investing filled is what Alpaca charged for it
        Map<String, Map<String, Object>> atAlpaca = alpacaOrders(account);
        List<Map<String, Object>> brokerOrders = db.sql("SELECT id, filled_amount_usd, filled_quantity FROM orders"
                        + " WHERE user_id = :user AND asset_type <> 'basket'")
                .bind("user", user)
                .map(row -> Map.<String, Object>of(
                        "id",
                        row.get("id", UUID.class).toString(),
                        "filled",
                        row.get("filled_amount_usd", BigDecimal.class),
                        "quantity",
                        row.get("filled_quantity", BigDecimal.class)))
                .all()
                .collectList()
                .block(TIMEOUT);
        assertThat(brokerOrders).hasSize(12 + 3);
        assertThat(atAlpaca.keySet())
                .containsExactlyInAnyOrderElementsOf(brokerOrders.stream()
                        .map(order -> (String) order.get("id"))
                        .toList());
        BigDecimal charged = BigDecimal.ZERO;
        for (Map<String, Object> order : brokerOrders) {
            Map<String, Object> alpaca = atAlpaca.get(order.get("id"));
            assertThat(alpaca.get("status")).as("at Alpaca").isEqualTo("FILLED");
            assertThat((BigDecimal) order.get("filled"))
                    .as("filled amount of " + order.get("id"))
                    .isEqualByComparingTo(new BigDecimal(String.valueOf(alpaca.get("cost"))));
            assertThat((BigDecimal) order.get("quantity"))
                    .as("filled quantity of " + order.get("id"))
                    .isEqualByComparingTo(new BigDecimal(String.valueOf(alpaca.get("filledQty"))));
            charged = charged.add(new BigDecimal(String.valueOf(alpaca.get("cost"))));
        }

        // each top-level order announced final once, with the amount Alpaca charged (what funding settles the hold by)
        Map<String, List<Map<String, Object>>> finals = new HashMap<>();
        for (Map<String, Object> change : statusChanges(user)) {
            if ("FILLED".equals(change.get("status"))
                    || "CANCELED".equals(change.get("status"))
                    || "FAILED".equals(change.get("status"))) {
                finals.computeIfAbsent((String) change.get("orderId"), id -> new ArrayList<>())
                        .add(change);
            }
        }
        assertThat(finals.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        orders.stream().map(UUID::toString).toList());
        BigDecimal announced = BigDecimal.ZERO;
        for (List<Map<String, Object>> once : finals.values()) {
            assertThat(once)
                    .singleElement()
                    .satisfies(change -> assertThat(change).containsEntry("status", "FILLED"));
            announced = announced.add(new BigDecimal((String) once.get(0).get("filledAmountUsd")));
        }
        assertThat(announced).isEqualByComparingTo(charged);
        assertThat(db.sql("SELECT COALESCE(SUM(amount_usd - filled_amount_usd), 0) AS held FROM orders"
                                + " WHERE user_id = :user AND parent_order_id IS NULL AND status <> 'filled'")
                        .bind("user", user)
                        .map(row -> row.get("held", BigDecimal.class))
                        .one()
                        .block(TIMEOUT))
                .as("still held")
                .isZero();
        assertThat(meters.counter("investing.broker.events", "partner", "alpaca", "outcome", "applied")
                        .count())
                .as("fills arrived on the trade stream")
                .isPositive();

        // positions are Alpaca's, and with funding's buying power after the fills the cash agrees too
        buyingPower(user, new BigDecimal("5000.00").subtract(charged).toPlainString(), 2);
        OrderReconciler.Run run = reconciler.reconcile().block(TIMEOUT);
        // the run compares every Alpaca account of this test database (other tests of the context leave theirs): this
        // user's is among them, and none of its positions or cash differs
        assertThat(run.accounts()).isPositive();
        assertThat(run.positionDrift()).noneMatch(drift -> drift.startsWith(user + ":"));
        assertThat(run.cashDrift()).noneMatch(drift -> drift.startsWith(user + ":"));
        assertThat(db.sql("SELECT count(*) AS n FROM positions WHERE user_id = :user")
                        .bind("user", user)
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block(TIMEOUT))
                .isEqualTo(SYMBOLS.size());
    }

    static String fault(Map<String, Object> spec) {
        return (String) SANDBOX.controlPost("/faults", spec).get("id");
    }

    /** The sandbox's active faults (used-up ones are gone) and how often each hit. */
    @SuppressWarnings("unchecked")
    static Map<String, Long> faultHits() {
        Map<String, Long> hits = new HashMap<>();
        for (Object fault : (List<Object>) SANDBOX.controlGet("/faults").get("faults")) {
            Map<String, Object> view = (Map<String, Object>) fault;
            hits.put((String) view.get("id"), ((Number) view.get("hits")).longValue());
        }
        return hits;
    }

    UUID place(String subject, Map<String, Object> input) {
        return as(subject)
                .document("mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }")
                .variable("input", input)
                .execute()
                .errors()
                .verify()
                .path("placeOrder.id")
                .entity(UUID.class)
                .get();
    }

    void reserve(UUID user, UUID order, Broker.Account account) {
        transactions
                .transactional(saga.reservationAnswered(EventEnvelope.of(
                        "/test/funding",
                        new OrderReservationAnswered(
                                user,
                                order,
                                "RESERVED",
                                null,
                                "0.00",
                                "alpaca",
                                account.accountId(),
                                account.accountNo(),
                                Instant.now()))))
                .block(TIMEOUT);
    }

    void buyingPower(UUID user, String usd, long version) {
        buyingPower
                .handle(EventEnvelope.of(
                        "/test/funding", new BuyingPowerChanged(user, usd, "0", "0", version, Instant.now())))
                .block(TIMEOUT);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> statusChanges(UUID user) {
        JsonMapper json = JsonMapper.builder().build();
        return db.sql(
                        "SELECT payload FROM outbox_events WHERE partition_key = :user AND event_type LIKE '%OrderStatusChanged'"
                                + " ORDER BY id")
                .bind("user", user.toString())
                .map(row -> (Map<String, Object>) json.readValue(row.get("payload", String.class), Map.class))
                .all()
                .collectList()
                .block(TIMEOUT);
    }

    /** The account's orders at the sandbox's Alpaca by client order id. */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> alpacaOrders(Broker.Account account) {
        Map<String, Map<String, Object>> byClientOrderId = new HashMap<>();
        for (Object order : (List<Object>) SANDBOX.controlGet("/market/orders?accountId={a}", account.accountId())
                .get("orders")) {
            Map<String, Object> found = (Map<String, Object>) order;
            assertThat(byClientOrderId.put((String) found.get("clientOrderId"), found))
                    .as("a second Alpaca order for " + found.get("clientOrderId"))
                    .isNull();
        }
        return byClientOrderId;
    }

    /** A new account at the sandbox's Alpaca with this much cash. */
    Broker.Account alpacaAccount(String cash) {
        WebClient alpaca = BrokerSandbox.properties(
                        "stack.alpaca", AlpacaConnection.class, Map.of("stack.alpaca.base-url", SANDBOX.url("/alpaca")))
                .client(WebClient.builder());
        String id = (String) alpaca.post()
                .uri("/v1/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "contact",
                        Map.of("email_address", UUID.randomUUID() + "@users.stack.invalid"),
                        "identity",
                        Map.of(
                                "given_name",
                                "STACK",
                                "family_name",
                                UUID.randomUUID().toString())))
                .retrieve()
                .bodyToMono(BrokerSandbox.JSON_OBJECT)
                .block(TIMEOUT)
                .get("id");
        SANDBOX.controlPut("/alpaca/accounts/{id}/cash", Map.of("cash", cash), id);
        return new Broker.Account(id, id);
    }
}
