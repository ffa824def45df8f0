package com.stack.investing.broker.adapters.drivewealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.defaults.partners.drivewealth.DriveWealthConnection;
import com.stack.investing.broker.app.Broker;
import com.stack.investing.broker.app.ExecutionReport;
import com.stack.investing.shared.domain.OrderSide;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The DriveWealth adapter against the partner sandbox's DriveWealth, over HTTP: placement by amount and its read
 * back by client order id, the same client order id answering the order placed before (also when the first answer
 * was lost to a timeout), DriveWealth's refusals translated, 5xx and timeouts made {@code BrokerUnavailableException}
 * after the retries, a cancel of a partly filled order, and the account's positions and cash.
 */
class DriveWealthBrokerTest {

    static final BrokerSandbox SANDBOX = BrokerSandbox.shared();

    final DriveWealthConnection connection = BrokerSandbox.properties(
            "stack.drivewealth",
            DriveWealthConnection.class,
            Map.of(
                    "stack.drivewealth.base-url",
                    SANDBOX.driveWealthUrl(),
                    "stack.drivewealth.resilience.timeout",
                    "500ms",
                    "stack.drivewealth.resilience.initial-backoff",
                    "20ms",
                    // the breaker must not open over this class's deliberate failures
                    "stack.drivewealth.resilience.minimum-calls",
                    "100"));
    final DriveWealthBroker broker = new DriveWealthBroker(WebClient.builder(), connection);

    @AfterEach
    void reset() {
        SANDBOX.clearFaults();
        SANDBOX.control()
                .delete()
                .uri("/market/behaviour")
                .retrieve()
                .toBodilessEntity()
                .block(BrokerSandbox.TIMEOUT);
    }

    @Test
    void anAmountBuyIsFilledAndReadBackByClientOrderIdWithItsCumulativeQuantityAndAveragePrice() {
        Broker.Account account = SANDBOX.driveWealthAccount("1000.00");
        UUID order = UUID.randomUUID();

        Broker.Placed placed =
                broker.place(account, amountBuy(order, "AAPL", "100.00")).block(BrokerSandbox.TIMEOUT);

        assertThat(placed.brokerOrderId()).startsWith("DW-");
        ExecutionReport filled = awaitState(account, order, ExecutionReport.State.FILLED);
        assertThat(filled.brokerOrderId()).isEqualTo(placed.brokerOrderId());
        assertThat(filled.clientOrderId()).isEqualTo(order);
        Map<String, Object> atSandbox = sandboxOrder(account, order);
        assertThat(filled.cumulativeQuantity())
                .isPositive()
                .isEqualByComparingTo(new BigDecimal(String.valueOf(atSandbox.get("filledQty"))));
        assertThat(filled.averagePrice())
                .isEqualByComparingTo(new BigDecimal(String.valueOf(atSandbox.get("filledAvgPrice"))));
        BigDecimal cost =
                filled.cumulativeQuantity().multiply(filled.averagePrice()).setScale(2, RoundingMode.HALF_EVEN);
        assertThat(cost).isLessThanOrEqualTo(new BigDecimal("100.00"));

        assertThat(broker.cash(account).block(BrokerSandbox.TIMEOUT))
                .isEqualByComparingTo(new BigDecimal("1000.00").subtract(cost));
        assertThat(broker.positions(account).block(BrokerSandbox.TIMEOUT))
                .singleElement()
                .satisfies(holding -> {
                    assertThat(holding.symbol()).isEqualTo("AAPL");
                    assertThat(holding.quantity()).isEqualByComparingTo(filled.cumulativeQuantity());
                    assertThat(holding.averagePrice()).isEqualByComparingTo(filled.averagePrice());
                });
        assertThat(broker.find(account, UUID.randomUUID()).block(BrokerSandbox.TIMEOUT))
                .as("never placed")
                .isEmpty();
    }

    @Test
    void placingTheSameOrderTwiceAnswersTheOrderPlacedBefore() {
        Broker.Account account = SANDBOX.driveWealthAccount("1000.00");
        UUID order = UUID.randomUUID();

        Broker.Placed first =
                broker.place(account, amountBuy(order, "VTI", "50.00")).block(BrokerSandbox.TIMEOUT);
        Broker.Placed second =
                broker.place(account, amountBuy(order, "VTI", "50.00")).block(BrokerSandbox.TIMEOUT);

        assertThat(second.brokerOrderId()).isEqualTo(first.brokerOrderId());
        assertThat(SANDBOX.controlGet("/market/orders?accountId={a}", account.accountId())
                        .get("count"))
                .isEqualTo(1);
    }

    @Test
    void aPlacementWhoseAnswerTimedOutIsRetriedIntoTheSameOneOrder() throws InterruptedException {
        Broker.Account account = SANDBOX.driveWealthAccount("1000.00");
        // the first request reaches DriveWealth only after the client gave up on it (500 ms)
        SANDBOX.controlPost(
                "/faults",
                Map.of(
                        "partner",
                        "drivewealth",
                        "method",
                        "POST",
                        "pathPattern",
                        "/orders",
                        "latencyMs",
                        1500,
                        "count",
                        1));
        UUID order = UUID.randomUUID();

        Broker.Placed placed =
                broker.place(account, amountBuy(order, "MSFT", "40.00")).block(BrokerSandbox.TIMEOUT);

        awaitState(account, order, ExecutionReport.State.FILLED);
        // the delayed first request has arrived by now: it was answered with the same order
        Thread.sleep(1600);
        assertThat(SANDBOX.controlGet("/market/orders?accountId={a}", account.accountId())
                        .get("count"))
                .isEqualTo(1);
        assertThat(placed.brokerOrderId())
                .isEqualTo("DW-" + sandboxOrder(account, order).get("id"));
    }

    @Test
    void driveWealthsRefusalsAreTranslatedIntoTheirReasons() {
        Broker.Account account = SANDBOX.driveWealthAccount("10.00");

        assertRefused(account, amountBuy(UUID.randomUUID(), "VTI", "10.01"), "INSUFFICIENT_BUYING_POWER");
        assertRefused(
                account,
                new Broker.OrderRequest(
                        UUID.randomUUID(), "VTI", Broker.AssetClass.EQUITY, OrderSide.SELL, null, BigDecimal.ONE, null),
                "INSUFFICIENT_QUANTITY");
        assertRefused(account, amountBuy(UUID.randomUUID(), "ZZZZ", "5.00"), "UNKNOWN_SYMBOL");
        assertRefused(
                new Broker.Account(UUID.randomUUID().toString(), "DWXX999999X"),
                amountBuy(UUID.randomUUID(), "VTI", "5.00"),
                "UNKNOWN_ACCOUNT");
        assertThat(SANDBOX.controlGet("/market/orders?accountId={a}", account.accountId())
                        .get("count"))
                .isEqualTo(0);
    }

    @Test
    void transientFailuresAreRetriedAndTooManyMakeTheBrokerUnavailable() {
        Broker.Account account = SANDBOX.driveWealthAccount("100.00");
        SANDBOX.fault("drivewealth", "POST", "/orders", 503, 2);

        UUID retried = UUID.randomUUID();
        assertThat(broker.place(account, amountBuy(retried, "AAPL", "5.00"))
                        .block(BrokerSandbox.TIMEOUT)
                        .brokerOrderId())
                .isNotBlank();

        SANDBOX.fault("drivewealth", "POST", "/orders", 503, 3);
        assertThatThrownBy(() -> broker.place(account, amountBuy(UUID.randomUUID(), "AAPL", "5.00"))
                        .block(BrokerSandbox.TIMEOUT))
                .isInstanceOf(Broker.BrokerUnavailableException.class);
        SANDBOX.clearFaults();

        SANDBOX.controlPost(
                "/faults",
                Map.of(
                        "partner",
                        "drivewealth",
                        "method",
                        "GET",
                        "pathPattern",
                        "/orders",
                        "timeout",
                        true,
                        "count",
                        3));
        assertThatThrownBy(() -> broker.find(account, retried).block(BrokerSandbox.TIMEOUT))
                .isInstanceOf(Broker.BrokerUnavailableException.class);
        SANDBOX.clearFaults();
        assertThat(SANDBOX.controlGet("/market/orders?accountId={a}", account.accountId())
                        .get("count"))
                .as("only the retried order")
                .isEqualTo(1);
    }

    @Test
    void aPartlyFilledOrderIsCanceledWithItsFilledPartAndACancelOfAFinalOrderCompletes() {
        Broker.Account account = SANDBOX.driveWealthAccount("100000.00");
        SANDBOX.controlPut("/market/behaviour/{symbol}", Map.of("mode", "PARTIAL"), "ORCL");
        UUID order = UUID.randomUUID();
        Broker.Placed placed = broker.place(
                        account,
                        new Broker.OrderRequest(
                                order,
                                "ORCL",
                                Broker.AssetClass.EQUITY,
                                OrderSide.BUY,
                                null,
                                new BigDecimal("4"),
                                null))
                .block(BrokerSandbox.TIMEOUT);
        ExecutionReport partial = awaitState(account, order, ExecutionReport.State.PARTIALLY_FILLED);
        assertThat(partial.cumulativeQuantity()).isEqualByComparingTo("2");

        broker.cancel(account, placed.brokerOrderId()).block(BrokerSandbox.TIMEOUT);

        ExecutionReport canceled = awaitState(account, order, ExecutionReport.State.CANCELED);
        assertThat(canceled.cumulativeQuantity()).isEqualByComparingTo("2");
        BigDecimal cost =
                canceled.averagePrice().multiply(BigDecimal.valueOf(2)).setScale(2, RoundingMode.HALF_EVEN);
        assertThat(broker.cash(account).block(BrokerSandbox.TIMEOUT))
                .isEqualByComparingTo(new BigDecimal("100000.00").subtract(cost));
        // DriveWealth answers 400 to a cancel of a final order: that is not a refusal, the report says how it ended
        broker.cancel(account, placed.brokerOrderId()).block(BrokerSandbox.TIMEOUT);
    }

    static Broker.OrderRequest amountBuy(UUID order, String symbol, String amount) {
        return new Broker.OrderRequest(
                order, symbol, Broker.AssetClass.EQUITY, OrderSide.BUY, new BigDecimal(amount), null, null);
    }

    void assertRefused(Broker.Account account, Broker.OrderRequest request, String code) {
        assertThatThrownBy(() -> broker.place(account, request).block(BrokerSandbox.TIMEOUT))
                .isInstanceOfSatisfying(
                        Broker.BrokerRefusedException.class,
                        refused ->
                                assertThat(refused.code()).as(request.symbol()).isEqualTo(code));
    }

    ExecutionReport awaitState(Broker.Account account, UUID order, ExecutionReport.State state) {
        return await().atMost(BrokerSandbox.TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> broker.find(account, order)
                                .block(BrokerSandbox.TIMEOUT)
                                .orElse(null),
                        report -> report != null && report.state() == state);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> sandboxOrder(Broker.Account account, UUID clientOrderId) {
        List<Object> orders = (List<Object>) SANDBOX.controlGet("/market/orders?accountId={a}", account.accountId())
                .get("orders");
        return orders.stream()
                .map(order -> (Map<String, Object>) order)
                .filter(order -> clientOrderId.toString().equals(order.get("clientOrderId")))
                .findFirst()
                .orElseThrow();
    }
}
