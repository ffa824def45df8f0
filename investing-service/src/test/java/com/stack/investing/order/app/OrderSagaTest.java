package com.stack.investing.order.app;

import static com.stack.investing.BrokerTestDouble.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.BuyingPowerChanged;
import com.stack.contracts.events.v1.OrderReservationAnswered;
import com.stack.investing.InvestingServiceTest;
import com.stack.investing.broker.app.ExecutionReport.State;
import com.stack.investing.portfolio.app.BuyingPowerReadModel;
import com.stack.testsupport.PrometheusScrape;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The order saga end to end inside investing: placeOrder through GraphQL, funding's answer and buying power handed
 * to the handlers as the consumer would, the broker loop driven by hand against the broker double, and the broker's
 * reports applied; what funding and the user are told is read from the outbox.
 */
class OrderSagaTest extends InvestingServiceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String GROWTH_EQUITY = "2971974a-fee8-4628-9456-6cbc115b5a91";
    static final String PLACE = """
            mutation($input: PlaceOrderInput!) {
              placeOrder(input: $input) { id status amountUsd assetType symbol filledAmountUsd children { id symbol amountUsd } }
            }""";
    static final String ORDER = """
            query($id: ID!) { order(id: $id) { id status filledAmountUsd filledQuantity averagePrice failureReason
              children { symbol status filledAmountUsd } } }""";

    @Autowired
    OrderSaga saga;

    @Autowired
    BrokerOrderLoop loop;

    @Autowired
    BuyingPowerReadModel buyingPower;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    OrderReconciler reconciler;

    String userWithBuyingPower(String usd) {
        String subject = newSubject();
        buyingPower
                .handle(EventEnvelope.of(
                        "/test/funding", new BuyingPowerChanged(userIdOf(subject), usd, "0", "0", 7, Instant.now())))
                .block(TIMEOUT);
        return subject;
    }

    static Map<String, Object> symbolOrder(String symbol, String side, String amount, String key) {
        return Map.of("symbol", symbol, "side", side, "amountUsd", amount, "idempotencyKey", key);
    }

    GraphQlTester.Response place(String subject, Map<String, Object> input) {
        return as(subject).document(PLACE).variable("input", input).execute();
    }

    UUID placed(String subject, Map<String, Object> input) {
        return place(subject, input)
                .errors()
                .verify()
                .path("placeOrder.id")
                .entity(UUID.class)
                .get();
    }

    void answer(String subject, UUID orderId, String outcome, String reason) {
        transactions
                .transactional(saga.reservationAnswered(EventEnvelope.of(
                        "/test/funding",
                        new OrderReservationAnswered(
                                userIdOf(subject),
                                orderId,
                                outcome,
                                reason,
                                "RESERVED".equals(outcome) ? "1.00" : "0.00",
                                "drivewealth",
                                "acct-1",
                                "AC0001",
                                Instant.now()))))
                .block(TIMEOUT);
    }

    void apply(UUID orderId, State state, String quantity, String price) {
        var report = report(orderId, state, quantity, price);
        BROKER.state.put(orderId, report);
        saga.apply(report).block(TIMEOUT);
    }

    List<Map<String, Object>> events(String subject, String type) {
        return db.sql(
                        "SELECT payload FROM outbox_events WHERE partition_key = :user AND event_type LIKE :type ORDER BY id")
                .bind("user", userIdOf(subject).toString())
                .bind("type", "%" + type)
                .map(row -> tools.jackson.databind.json.JsonMapper.builder()
                        .build()
                        .readValue(row.get("payload", String.class), Map.class))
                .all()
                .map(map -> (Map<String, Object>) map)
                .collectList()
                .block(TIMEOUT);
    }

    GraphQlTester.Response order(String subject, UUID id) {
        return as(subject).document(ORDER).variable("id", id.toString()).execute();
    }

    @Test
    void fiftyConcurrentOrdersOfAUserWhoseBuyingPowerCoversTenRecordExactlyTen() {
        String subject = userWithBuyingPower("100.00");
        List<GraphQlTester.Response> responses = Flux.range(0, 50)
                .flatMap(
                        i -> Mono.fromCallable(() -> place(subject, symbolOrder("AAPL", "BUY", "10.00", "k-" + i)))
                                .subscribeOn(Schedulers.boundedElastic()),
                        50)
                .collectList()
                .block(Duration.ofSeconds(60));

        long insufficient = responses.stream()
                .filter(response -> {
                    try {
                        response.errors()
                                .expect(errorWithCode("INSUFFICIENT_BUYING_POWER", "amountUsd"))
                                .verify();
                        return true;
                    } catch (AssertionError e) {
                        return false;
                    }
                })
                .count();
        assertThat(insufficient).isEqualTo(40);
        assertThat(events(subject, "OrderReservationRequested"))
                .hasSize(10)
                .allSatisfy(event ->
                        assertThat(event).containsEntry("amountUsd", "10.00").containsEntry("side", "BUY"));
        assertThat(db.sql("SELECT count(*) AS n FROM orders WHERE user_id = :user")
                        .bind("user", userIdOf(subject))
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block(TIMEOUT))
                .isEqualTo(10L);
    }

    @Test
    void theSameKeyIsTheSameOrderAndAnotherRequestUnderItIsRefused() {
        String subject = userWithBuyingPower("100.00");
        UUID first = placed(subject, symbolOrder("AAPL", "BUY", "10", "same"));
        assertThat(placed(subject, symbolOrder("AAPL", "BUY", "10.00", "same"))).isEqualTo(first);
        place(subject, symbolOrder("AAPL", "BUY", "11.00", "same"))
                .errors()
                .expect(errorWithCode("IDEMPOTENCY_KEY_REUSED"))
                .verify();
        assertThat(events(subject, "OrderReservationRequested")).hasSize(1);
    }

    @Test
    void aReservedOrderIsSubmittedFilledByReportsAndAnnouncedWithTheExactFilledAmount() {
        String subject = userWithBuyingPower("500.00");
        UUID id = placed(subject, symbolOrder("AAPL", "BUY", "100.00", "fill"));
        answer(subject, id, "RESERVED", null);
        loop.drain().block(TIMEOUT);
        assertThat(BROKER.placed.get(id).notionalUsd()).isEqualByComparingTo("100.00");
        assertThat(BROKER.placed.get(id).symbol()).isEqualTo("AAPL");
        order(subject, id).path("order.status").entity(String.class).isEqualTo("ACCEPTED_BY_BROKER");

        apply(id, State.PARTIALLY_FILLED, "0.25", "201.13");
        apply(id, State.FILLED, "0.497183", "201.13");
        // duplicated and reordered reports change nothing
        apply(id, State.PARTIALLY_FILLED, "0.25", "201.13");
        apply(id, State.FILLED, "0.497183", "201.13");

        order(subject, id)
                .path("order.status")
                .entity(String.class)
                .isEqualTo("FILLED")
                .path("order.filledAmountUsd")
                .entity(String.class)
                .isEqualTo("100.00")
                .path("order.filledQuantity")
                .entity(String.class)
                .isEqualTo("0.497183")
                .path("order.averagePrice")
                .entity(String.class)
                .isEqualTo("201.13");
        List<Map<String, Object>> changes = events(subject, "OrderStatusChanged");
        assertThat(changes)
                .extracting(event -> event.get("status") + "@" + event.get("filledAmountUsd"))
                .containsExactly("PENDING@0.00", "ACCEPTED_BY_BROKER@0.00", "PARTIALLY_FILLED@50.28", "FILLED@100.00");
        assertThat(events(subject, "NotificationRequested"))
                .singleElement()
                .satisfies(n -> assertThat(n).containsEntry("kind", "ORDER_FILLED"));
        assertThat(db.sql("SELECT quantity, cost_basis_usd FROM positions WHERE user_id = :user AND symbol = 'AAPL'")
                        .bind("user", userIdOf(subject))
                        .map(row -> row.get("quantity", BigDecimal.class) + "/"
                                + row.get("cost_basis_usd", BigDecimal.class))
                        .one()
                        .block(TIMEOUT))
                .isEqualTo("0.497183000/100.000000");
    }

    @Test
    void firstFillsOfOneSymbolAppliedAtOnceAllCountInThePosition() {
        String subject = userWithBuyingPower("500.00");
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            UUID id = placed(subject, symbolOrder("NFLX", "BUY", "10.00", "same-symbol-" + i));
            answer(subject, id, "RESERVED", null);
            ids.add(id);
        }
        loop.drain().block(TIMEOUT);

        // eight first fills of a symbol the user does not hold yet, each in its own transaction, all at once
        reactor.core.publisher.Flux.fromIterable(ids)
                .flatMap(
                        id -> saga.apply(report(id, State.FILLED, "0.05", "200.00"))
                                .subscribeOn(reactor.core.scheduler.Schedulers.parallel()),
                        ids.size())
                .blockLast(TIMEOUT);

        assertThat(db.sql("SELECT quantity, cost_basis_usd FROM positions WHERE user_id = :user AND symbol = 'NFLX'")
                        .bind("user", userIdOf(subject))
                        .map(row -> row.get("quantity", BigDecimal.class)
                                        .stripTrailingZeros()
                                        .toPlainString() + "/"
                                + row.get("cost_basis_usd", BigDecimal.class)
                                        .stripTrailingZeros()
                                        .toPlainString())
                        .one()
                        .block(TIMEOUT))
                .isEqualTo("0.4/80");
    }

    @Test
    void anOrderWhoseFillEventWasLostIsReadBackFromTheBrokerOnceItIsStuck() {
        String subject = userWithBuyingPower("100.00");
        UUID id = placed(subject, symbolOrder("MSFT", "BUY", "40.00", "lost-fill"));
        answer(subject, id, "RESERVED", null);
        loop.drain().block(TIMEOUT);
        order(subject, id).path("order.status").entity(String.class).isEqualTo("ACCEPTED_BY_BROKER");
        // the broker filled it, and its event never arrived
        BROKER.state.put(id, report(id, State.FILLED, "0.2", "200.00"));

        // not stuck yet (moved within the last hour): nothing is asked
        assertThat(loop.refreshStale(java.time.Duration.ofHours(1)).block(TIMEOUT))
                .isZero();
        order(subject, id).path("order.status").entity(String.class).isEqualTo("ACCEPTED_BY_BROKER");

        assertThat(loop.refreshStale(java.time.Duration.ZERO).block(TIMEOUT)).isPositive();
        order(subject, id)
                .path("order.status")
                .entity(String.class)
                .isEqualTo("FILLED")
                .path("order.filledAmountUsd")
                .entity(String.class)
                .isEqualTo("40.00");
    }

    @Test
    void aPartlyFilledOrderCanceledAtTheBrokerEndsCanceledWithWhatFilled() {
        String subject = userWithBuyingPower("500.00");
        UUID id = placed(subject, symbolOrder("AAPL", "BUY", "100.00", "cancel"));
        answer(subject, id, "RESERVED", null);
        loop.drain().block(TIMEOUT);
        apply(id, State.PARTIALLY_FILLED, "0.1", "200");

        as(subject)
                .document("mutation($id: ID!) { cancelOrder(id: $id) { id status } }")
                .variable("id", id.toString())
                .execute()
                .errors()
                .verify()
                .path("cancelOrder.status")
                .entity(String.class)
                .isEqualTo("PARTIALLY_FILLED");
        loop.drain().block(TIMEOUT);
        assertThat(BROKER.cancels).contains("B-" + id);
        apply(id, State.CANCELED, "0.1", "200");

        order(subject, id)
                .path("order.status")
                .entity(String.class)
                .isEqualTo("CANCELED")
                .path("order.filledAmountUsd")
                .entity(String.class)
                .isEqualTo("20.00");
        assertThat(events(subject, "OrderStatusChanged"))
                .last()
                .satisfies(e ->
                        assertThat(e).containsEntry("status", "CANCELED").containsEntry("filledAmountUsd", "20.00"));
        assertThat(events(subject, "NotificationRequested"))
                .singleElement()
                .satisfies(n -> assertThat(n).containsEntry("kind", "ORDER_CANCELED"));
        as(subject)
                .document("mutation($id: ID!) { cancelOrder(id: $id) { id } }")
                .variable("id", id.toString())
                .execute()
                .errors()
                .expect(errorWithCode("ORDER_NOT_CANCELABLE"))
                .verify();
    }

    @Test
    void aBasketIsSplitByWeightSubmittedPerSymbolAndFilledFromItsChildren() {
        String subject = userWithBuyingPower("1000.00");
        GraphQlTester.Response response = place(
                subject,
                Map.of("basketId", GROWTH_EQUITY, "side", "BUY", "amountUsd", "333.33", "idempotencyKey", "basket"));
        response.errors()
                .verify()
                .path("placeOrder.assetType")
                .entity(String.class)
                .isEqualTo("BASKET")
                .path("placeOrder.children[*].symbol")
                .entityList(String.class)
                .containsExactly("QQQ", "VTI", "VXUS")
                .path("placeOrder.children[*].amountUsd")
                .entityList(String.class)
                .containsExactly("50.00", "200.00", "83.33");
        UUID id = response.path("placeOrder.id").entity(UUID.class).get();
        List<UUID> children = response.path("placeOrder.children[*].id")
                .entityList(UUID.class)
                .get();

        answer(subject, id, "RESERVED", null);
        loop.drain().block(TIMEOUT);
        assertThat(BROKER.placed.keySet()).containsAll(children);
        apply(children.get(0), State.FILLED, "0.125", "400");
        order(subject, id)
                .path("order.status")
                .entity(String.class)
                .isEqualTo("PARTIALLY_FILLED")
                .path("order.filledAmountUsd")
                .entity(String.class)
                .isEqualTo("50.00")
                .path("order.filledQuantity")
                .valueIsNull();
        apply(children.get(1), State.FILLED, "0.952380", "210");
        apply(children.get(2), State.FILLED, "1.388833", "60");

        // 50.00 + 0.952380 x 210 = 199.9998 -> 200.00 + 1.388833 x 60 = 83.32998 -> 83.33
        order(subject, id)
                .path("order.status")
                .entity(String.class)
                .isEqualTo("FILLED")
                .path("order.filledAmountUsd")
                .entity(String.class)
                .isEqualTo("333.33");
        assertThat(events(subject, "OrderStatusChanged"))
                .last()
                .satisfies(e -> assertThat(e)
                        .containsEntry("status", "FILLED")
                        .containsEntry("filledAmountUsd", "333.33")
                        .containsEntry("assetType", "BASKET"));
    }

    @Test
    void theSagasStepsTransitionsAndOpenOrdersAreOnThePrometheusEndpoint() {
        String subject = userWithBuyingPower("500.00");
        UUID filled = placed(subject, symbolOrder("AAPL", "BUY", "30.00", "metrics-filled"));
        answer(subject, filled, "RESERVED", null);
        loop.drain().block(TIMEOUT);
        apply(filled, State.FILLED, "0.15", "200.00");
        UUID refused = placed(subject, symbolOrder("AAPL", "BUY", "20.00", "metrics-refused"));
        answer(subject, refused, "REFUSED", "INSUFFICIENT_BUYING_POWER");
        BROKER.refuse.put("NOPE", "UNKNOWN_SYMBOL");
        UUID brokerRefused = placed(subject, symbolOrder("NOPE", "BUY", "10.00", "metrics-broker-refused"));
        answer(subject, brokerRefused, "RESERVED", null);
        loop.drain().block(TIMEOUT);
        placed(subject, symbolOrder("AAPL", "BUY", "5.00", "metrics-still-pending"));
        reconciler.refreshMetrics().block(TIMEOUT);

        PrometheusScrape scrape = PrometheusScrape.of("http://127.0.0.1:" + port);

        for (String[] step : new String[][] {
            {"reservation", "success"},
            {"reservation", "failure"},
            {"submit", "success"},
            {"submit", "failure"},
            {"broker_report", "success"}
        }) {
            assertThat(scrape.value(
                            "stack_saga_steps_seconds_count", "saga", "order", "step", step[0], "outcome", step[1]))
                    .as(step[0] + " " + step[1])
                    .isGreaterThanOrEqualTo(1);
        }
        assertThat(scrape.samples(
                        "stack_saga_steps_seconds_bucket", "saga", "order", "step", "submit", "outcome", "success"))
                .as("a latency histogram")
                .hasSizeGreaterThan(10);
        for (String status : List.of("pending", "accepted_by_broker", "filled", "failed")) {
            assertThat(scrape.value("stack_saga_transitions_total", "saga", "order", "status", status))
                    .as(status)
                    .isGreaterThanOrEqualTo(1);
        }
        assertThat(scrape.value("stack_saga_duration_seconds_count", "saga", "order", "outcome", "filled"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("stack_saga_duration_seconds_count", "saga", "order", "outcome", "failed"))
                .isGreaterThanOrEqualTo(2);
        assertThat(scrape.value("stack_saga_oldest_age_seconds", "saga", "order", "status", "pending"))
                .isPositive();
        for (String status : List.of("pending", "accepted_by_broker", "partially_filled")) {
            assertThat(scrape.value("stack_saga_stuck", "saga", "order", "status", status))
                    .isGreaterThanOrEqualTo(0);
        }
        assertThat(scrape.samples("stack_saga_stuck", "saga", "order", "status", "filled"))
                .isEmpty();
    }

    @Test
    void aRefusedReservationFailsTheOrderAndTellsTheUser() {
        String subject = userWithBuyingPower("500.00");
        UUID id = placed(subject, symbolOrder("AAPL", "BUY", "100.00", "refused"));
        answer(subject, id, "REFUSED", "INSUFFICIENT_BUYING_POWER");
        answer(subject, id, "RESERVED", null); // a later, contradicting answer changes nothing
        loop.drain().block(TIMEOUT);

        assertThat(BROKER.placeCalls).doesNotContain(id);
        order(subject, id)
                .path("order.status")
                .entity(String.class)
                .isEqualTo("FAILED")
                .path("order.failureReason")
                .entity(String.class)
                .isEqualTo("INSUFFICIENT_BUYING_POWER");
        assertThat(events(subject, "NotificationRequested"))
                .singleElement()
                .satisfies(n -> assertThat(n).containsEntry("kind", "ORDER_REJECTED"));
    }

    @Test
    void anOrderCanceledWhileAwaitingItsReservationIsCanceledWhenReservedWithoutReachingTheBroker() {
        String subject = userWithBuyingPower("500.00");
        UUID id = placed(subject, symbolOrder("AAPL", "BUY", "100.00", "early-cancel"));
        as(subject)
                .document("mutation($id: ID!) { cancelOrder(id: $id) { status } }")
                .variable("id", id.toString())
                .execute()
                .errors()
                .verify()
                .path("cancelOrder.status")
                .entity(String.class)
                .isEqualTo("PENDING");
        answer(subject, id, "RESERVED", null);
        loop.drain().block(TIMEOUT);

        assertThat(BROKER.placeCalls).doesNotContain(id);
        order(subject, id).path("order.status").entity(String.class).isEqualTo("CANCELED");
        assertThat(events(subject, "OrderStatusChanged"))
                .last()
                .satisfies(e ->
                        assertThat(e).containsEntry("status", "CANCELED").containsEntry("filledAmountUsd", "0.00"));
    }

    @Test
    void anOrderTheBrokerRefusesFailsWithItsCode() {
        String subject = userWithBuyingPower("500.00");
        BROKER.refuse.put("NOPE", "UNKNOWN_SYMBOL");
        UUID id = placed(subject, symbolOrder("NOPE", "BUY", "10.00", "broker-refuses"));
        answer(subject, id, "RESERVED", null);
        loop.drain().block(TIMEOUT);
        order(subject, id)
                .path("order.status")
                .entity(String.class)
                .isEqualTo("FAILED")
                .path("order.failureReason")
                .entity(String.class)
                .isEqualTo("UNKNOWN_SYMBOL");
    }

    @Test
    void aSellNeedsThePositionToCoverItAtTheCurrentPrice() {
        String subject = userWithBuyingPower("0.00");
        place(subject, symbolOrder("VTI", "SELL", "10.00", "no-position"))
                .errors()
                .expect(errorWithCode("INSUFFICIENT_POSITION", "amountUsd"))
                .verify();
    }

    @Test
    void anotherUsersOrderIsNotFound() {
        String owner = userWithBuyingPower("100.00");
        UUID id = placed(owner, symbolOrder("AAPL", "BUY", "10.00", "mine"));
        String stranger = newSubject();
        order(stranger, id).path("order").valueIsNull();
        as(stranger)
                .document("mutation($id: ID!) { cancelOrder(id: $id) { id } }")
                .variable("id", id.toString())
                .execute()
                .errors()
                .expect(errorWithCode("NOT_FOUND"))
                .verify();
    }
}
