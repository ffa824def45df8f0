package com.stack.sandbox.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.sandbox.SandboxIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Alpaca's orders, positions and trade events as investing-service calls them, against the sandbox's
 * market (default fill delay 200 ms). Each test trades its own symbol, so behaviours do not collide.
 */
class AlpacaOrdersTest extends SandboxIntegrationTest {

    static final String TRADES = "/alpaca/v2/events/trades";

    final List<EventStreamConnection> connections = new ArrayList<>();

    @AfterEach
    void resetTheMarket() {
        connections.forEach(EventStreamConnection::close);
        control().delete().uri("/market/behaviour").exchange().expectStatus().isNoContent();
        control().delete().uri("/market/clock").exchange().expectStatus().isOk();
        control().delete().uri("/faults").exchange().expectStatus().isNoContent();
    }

    @Test
    void aNotionalBuyFillsAtTheMarketPriceAndChargesExactlyItsCost() {
        String account = fundedAccount("1000.00");
        Map<String, Object> placed = order(
                        account,
                        Map.of(
                                "symbol",
                                "AAPL",
                                "notional",
                                "100",
                                "side",
                                "buy",
                                "type",
                                "market",
                                "time_in_force",
                                "day",
                                "client_order_id",
                                UUID.randomUUID().toString()))
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(placed)
                .containsEntry("status", "accepted")
                .containsEntry("notional", "100.00")
                .containsEntry("qty", null)
                .containsEntry("filled_qty", "0")
                .containsEntry("filled_avg_price", null)
                .containsEntry("asset_class", "us_equity");
        assertThat(buyingPower(account)).as("the notional is held back").isEqualByComparingTo("900.00");

        Map<String, Object> filled = awaitStatus(account, (String) placed.get("id"), "filled");
        BigDecimal price = new BigDecimal((String) filled.get("filled_avg_price"));
        BigDecimal quantity = new BigDecimal((String) filled.get("filled_qty"));
        assertThat(quantity).isEqualByComparingTo(new BigDecimal("100").divide(price, 9, RoundingMode.DOWN));
        BigDecimal cost = quantity.multiply(price).setScale(2, RoundingMode.HALF_EVEN);
        assertThat(cash(account)).isEqualByComparingTo(new BigDecimal("1000.00").subtract(cost));
        assertThat(buyingPower(account)).isEqualByComparingTo(new BigDecimal("1000.00").subtract(cost));
        alpaca().get()
                .uri("/v1/trading/accounts/{a}/positions", account)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].symbol")
                .isEqualTo("AAPL")
                .jsonPath("$[0].qty")
                .isEqualTo(quantity.stripTrailingZeros().toPlainString())
                .jsonPath("$[0].cost_basis")
                .isEqualTo(cost.toPlainString())
                .jsonPath("$[0].asset_class")
                .isEqualTo("us_equity");
        control()
                .get()
                .uri("/market/orders?accountId={a}", account)
                .exchange()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1)
                .jsonPath("$.orders[0].cost")
                .isEqualTo(cost.toPlainString())
                .jsonPath("$.orders[0].partner")
                .isEqualTo("alpaca");
    }

    @Test
    void aSplitSymbolFillsHalfThenTheRestWithCumulativeQuantitiesOnTheStream() {
        EventStreamConnection stream = connect("").awaitConnected();
        String account = fundedAccount("100000.00");
        behaviour("MSFT", "SPLIT", null);
        String id = placed(account, "MSFT", "10", "buy");

        List<Map<String, Object>> events = awaitEvents(stream, id, 3);
        assertThat(events).extracting(e -> e.get("event")).containsExactly("new", "partial_fill", "fill");
        assertThat(events.get(1))
                .containsEntry("qty", "5")
                .containsEntry("position_qty", "5")
                .containsEntry("account_id", account)
                .containsKeys("execution_id", "price", "at");
        assertThat(order(events.get(1))).containsEntry("filled_qty", "5").containsEntry("status", "partially_filled");
        assertThat(events.get(2)).containsEntry("qty", "5").containsEntry("position_qty", "10");
        assertThat(order(events.get(2))).containsEntry("filled_qty", "10").containsEntry("status", "filled");
        assertThat(events.get(0)).doesNotContainKeys("execution_id", "price", "qty");
        BigDecimal first = new BigDecimal((String) events.get(1).get("price"));
        BigDecimal second = new BigDecimal((String) events.get(2).get("price"));
        BigDecimal average = new BigDecimal((String) order(events.get(2)).get("filled_avg_price"));
        assertThat(average)
                .isEqualByComparingTo(first.add(second).divide(BigDecimal.valueOf(2), 9, RoundingMode.HALF_EVEN));
        assertThat(cash(account))
                .isEqualByComparingTo(new BigDecimal("100000.00")
                        .subtract(average.multiply(BigDecimal.TEN).setScale(2, RoundingMode.HALF_EVEN)));
    }

    @Test
    void aPartialFillThenACancelKeepsTheFilledPartAndChargesOnlyForIt() {
        String account = fundedAccount("100000.00");
        behaviour("NVDA", "PARTIAL", "0.25");
        String id = placed(account, "NVDA", "8", "buy");
        Map<String, Object> partial = awaitStatus(account, id, "partially_filled");
        assertThat(partial).containsEntry("filled_qty", "2");

        alpaca().delete()
                .uri("/v1/trading/accounts/{a}/orders/{id}", account, id)
                .exchange()
                .expectStatus()
                .isNoContent();
        Map<String, Object> canceled = awaitStatus(account, id, "canceled");
        assertThat(canceled).containsEntry("filled_qty", "2");
        BigDecimal cost = new BigDecimal((String) canceled.get("filled_avg_price"))
                .multiply(BigDecimal.valueOf(2))
                .setScale(2, RoundingMode.HALF_EVEN);
        assertThat(cash(account)).isEqualByComparingTo(new BigDecimal("100000.00").subtract(cost));
        assertThat(buyingPower(account)).as("nothing held back any more").isEqualByComparingTo(cash(account));
        alpaca().delete()
                .uri("/v1/trading/accounts/{a}/orders/{id}", account, id)
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(42210000);
    }

    @Test
    void aRejectingSymbolRejectsTheOrderAndReleasesTheCash() {
        String account = fundedAccount("500.00");
        behaviour("AMD", "REJECT", null);
        String id = placed(account, "AMD", "1", "buy");
        awaitStatus(account, id, "rejected");
        assertThat(cash(account)).isEqualByComparingTo("500.00");
        assertThat(buyingPower(account)).isEqualByComparingTo("500.00");
    }

    @Test
    void buysAboveTheBuyingPowerAndSellsAboveThePositionAreRefused() {
        String account = fundedAccount("50.00");
        order(
                        account,
                        Map.of(
                                "symbol",
                                "VTI",
                                "notional",
                                "50.01",
                                "side",
                                "buy",
                                "type",
                                "market",
                                "client_order_id",
                                "c1" + UUID.randomUUID()))
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(40310000)
                .jsonPath("$.message")
                .isEqualTo("insufficient buying power");
        order(
                        account,
                        Map.of(
                                "symbol",
                                "VTI",
                                "qty",
                                "1",
                                "side",
                                "sell",
                                "type",
                                "market",
                                "client_order_id",
                                "c2" + UUID.randomUUID()))
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.message")
                .isEqualTo("insufficient qty available for order");
        order(
                        account,
                        Map.of(
                                "symbol",
                                "ZZZZ",
                                "qty",
                                "1",
                                "side",
                                "buy",
                                "type",
                                "market",
                                "client_order_id",
                                "c3" + UUID.randomUUID()))
                .expectStatus()
                .isEqualTo(422);
        order(
                        account,
                        Map.of(
                                "symbol",
                                "VTI",
                                "qty",
                                "1",
                                "notional",
                                "5",
                                "side",
                                "buy",
                                "type",
                                "market",
                                "client_order_id",
                                "c4"))
                .expectStatus()
                .isEqualTo(422);
        order(
                        account,
                        Map.of(
                                "symbol",
                                "VTI",
                                "notional",
                                "0.50",
                                "side",
                                "buy",
                                "type",
                                "market",
                                "client_order_id",
                                "c5"))
                .expectStatus()
                .isEqualTo(422);
        order(
                        account,
                        Map.of(
                                "symbol",
                                "VTI250620C00100000",
                                "qty",
                                "1",
                                "side",
                                "buy",
                                "type",
                                "market",
                                "client_order_id",
                                "c6"))
                .expectStatus()
                .isEqualTo(422);
        order(
                        UUID.randomUUID().toString(),
                        Map.of("symbol", "VTI", "qty", "1", "side", "buy", "type", "market", "client_order_id", "c7"))
                .expectStatus()
                .isNotFound();
        assertThat(cash(account)).isEqualByComparingTo("50.00");
    }

    @Test
    void aClientOrderIdIsUsedOnceAndFindsItsOrder() {
        String account = fundedAccount("1000.00");
        String clientOrderId = UUID.randomUUID().toString();
        Map<String, Object> body =
                Map.of("symbol", "KO", "qty", "1", "side", "buy", "type", "market", "client_order_id", clientOrderId);
        String id = (String) order(account, body)
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        order(account, body)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(42210000);
        alpaca().get()
                .uri("/v1/trading/accounts/{a}/orders:by_client_order_id?client_order_id={c}", account, clientOrderId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(id)
                .jsonPath("$.client_order_id")
                .isEqualTo(clientOrderId);
        alpaca().get()
                .uri("/v1/trading/accounts/{a}/orders:by_client_order_id?client_order_id=none", account)
                .exchange()
                .expectStatus()
                .isNotFound();
        control()
                .get()
                .uri("/market/orders?accountId={a}", account)
                .exchange()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1);
    }

    @Test
    void closingTheMarketExpiresOpenOrdersAndOrdersWaitUntilItOpens() {
        String account = fundedAccount("100000.00");
        behaviour("IBM", "REST", null);
        String resting = placed(account, "IBM", "1", "buy");
        awaitStatus(account, resting, "new");

        control()
                .post()
                .uri("/market/close")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.isOpen")
                .isEqualTo(false);
        assertThat(order(account, resting)).containsEntry("status", "expired");
        assertThat(buyingPower(account)).isEqualByComparingTo("100000.00");

        String waiting = placed(account, "T", "1", "buy");
        assertThat(order(account, waiting)).containsEntry("status", "accepted");
        control()
                .post()
                .uri("/market/open")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.isOpen")
                .isEqualTo(true);
        awaitStatus(account, waiting, "filled");
    }

    @Test
    void theTradeStreamResumesAfterSinceId() {
        EventStreamConnection live = connect("").awaitConnected();
        String account = fundedAccount("1000.00");
        String id = placed(account, "PEP", "1", "buy");
        List<Map<String, Object>> events = awaitEvents(live, id, 2);
        assertThat(events).extracting(e -> e.get("event")).containsExactly("new", "fill");
        assertThat((String) events.get(0).get("event_id"))
                .isLessThan((String) events.get(1).get("event_id"));

        EventStreamConnection resumed = connect("?since_id=" + events.get(0).get("event_id"));
        assertThat(awaitEvents(resumed, id, 1)).containsExactly(events.get(1));
    }

    @Test
    void anOptionLimitBuyFillsAtTheOptionPriceWhenAtOrBelowItsLimit() {
        String contract = "SPY"
                + java.time.LocalDate.now(java.time.ZoneId.of("America/New_York"))
                        .plusDays(30)
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd"))
                + "C00100000";
        Map<String, Object> snapshot = alpaca().get()
                .uri("/data/v1beta1/options/snapshots?symbols={s},ZZZZ250620C00100000", contract)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, Object>>> snapshots =
                (Map<String, Map<String, Map<String, Object>>>) snapshot.get("snapshots");
        assertThat(snapshots).containsOnlyKeys(contract);
        BigDecimal price = new BigDecimal(
                String.valueOf(snapshots.get(contract).get("latestTrade").get("p")));
        String account = fundedAccount("100000.00");

        String low = (String) order(
                        account,
                        Map.of(
                                "symbol",
                                contract,
                                "qty",
                                "1",
                                "side",
                                "buy",
                                "type",
                                "limit",
                                "limit_price",
                                "0.05",
                                "client_order_id",
                                UUID.randomUUID().toString()))
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        BigDecimal limit = price.add(new BigDecimal("5"));
        Map<String, Object> marketable = order(
                        account,
                        Map.of(
                                "symbol",
                                contract,
                                "qty",
                                "2",
                                "side",
                                "buy",
                                "type",
                                "limit",
                                "limit_price",
                                limit.toPlainString(),
                                "client_order_id",
                                UUID.randomUUID().toString()))
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(marketable).containsEntry("asset_class", "us_option");
        Map<String, Object> filled = awaitStatus(account, (String) marketable.get("id"), "filled");
        BigDecimal average = new BigDecimal((String) filled.get("filled_avg_price"));
        assertThat(average).isLessThanOrEqualTo(limit);
        BigDecimal cost = average.multiply(BigDecimal.valueOf(200)).setScale(2, RoundingMode.HALF_EVEN);
        assertThat(cash(account)).isEqualByComparingTo(new BigDecimal("100000.00").subtract(cost));
        assertThat(order(account, low)).containsEntry("status", "new").containsEntry("filled_qty", "0");
    }

    @Test
    void stockSnapshotsHaveTheLatestTradeAndThePreviousCloseAndLeaveUnknownSymbolsOut() {
        Map<String, Object> snapshots = alpaca().get()
                .uri("/data/v2/stocks/snapshots?symbols=AAPL,VTI,ZZZZ")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(snapshots).containsOnlyKeys("AAPL", "VTI");
        Map<String, Object> price = control()
                .get()
                .uri("/market/prices/AAPL")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> aapl = (Map<String, Map<String, Object>>) snapshots.get("AAPL");
        assertThat(aapl.get("prevDailyBar").get("c")).isEqualTo(price.get("previousClose"));
        assertThat(aapl.get("latestTrade")).containsKeys("p", "t");
        control().get().uri("/market/prices/ZZZZ").exchange().expectStatus().isNotFound();
        anonymous()
                .get()
                .uri("/alpaca/data/v2/stocks/snapshots?symbols=AAPL")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    // --- helpers ---

    WebTestClient alpaca() {
        return client(baseUrl() + "/alpaca")
                .defaultHeader("Authorization", AlpacaBrokerTest.basic(AlpacaBrokerTest.KEY, AlpacaBrokerTest.SECRET))
                .build();
    }

    String fundedAccount(String cash) {
        String id = (String) alpaca().post()
                .uri("/v1/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(AlpacaBrokerTest.accountBody("trader@example.com"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        control()
                .put()
                .uri("/alpaca/accounts/{id}/cash", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("cash", cash))
                .exchange()
                .expectStatus()
                .isOk();
        return id;
    }

    WebTestClient.ResponseSpec order(String account, Map<String, Object> body) {
        return alpaca().post()
                .uri("/v1/trading/accounts/{a}/orders", account)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    String placed(String account, String symbol, String qty, String side) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "symbol",
                symbol,
                "qty",
                qty,
                "side",
                side,
                "type",
                "market",
                "time_in_force",
                "day",
                "client_order_id",
                UUID.randomUUID().toString()));
        return (String) order(account, body)
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    Map<String, Object> order(String account, String id) {
        return alpaca().get()
                .uri("/v1/trading/accounts/{a}/orders/{id}", account, id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    Map<String, Object> awaitStatus(String account, String id, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> status.equals(order(account, id).get("status")));
        return order(account, id);
    }

    BigDecimal cash(String account) {
        return new BigDecimal((String) account(account).get("cash"));
    }

    BigDecimal buyingPower(String account) {
        return new BigDecimal((String) account(account).get("buying_power"));
    }

    Map<String, Object> account(String account) {
        return alpaca().get()
                .uri("/v1/trading/accounts/{id}/account", account)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
    }

    void behaviour(String symbol, String mode, String fraction) {
        Map<String, Object> body = new HashMap<>();
        body.put("mode", mode);
        if (fraction != null) {
            body.put("fraction", new BigDecimal(fraction));
        }
        control()
                .put()
                .uri("/market/behaviour/{s}", symbol)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.mode")
                .isEqualTo(mode);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> order(Map<String, Object> event) {
        return (Map<String, Object>) event.get("order");
    }

    static List<Map<String, Object>> awaitEvents(EventStreamConnection stream, String orderId, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> eventsOf(stream, orderId).size() >= count);
        return eventsOf(stream, orderId);
    }

    static List<Map<String, Object>> eventsOf(EventStreamConnection stream, String orderId) {
        return stream.events().stream()
                .filter(event -> event.get("order") != null
                        && orderId.equals(order(event).get("id")))
                .toList();
    }

    EventStreamConnection connect(String query) {
        EventStreamConnection connection = new EventStreamConnection(
                baseUrl() + TRADES + query, AlpacaBrokerTest.basic(AlpacaBrokerTest.KEY, AlpacaBrokerTest.SECRET));
        connections.add(connection);
        return connection;
    }
}
