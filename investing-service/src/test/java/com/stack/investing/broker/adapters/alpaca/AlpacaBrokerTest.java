package com.stack.investing.broker.adapters.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.defaults.partners.sse.StreamPositions;
import com.stack.investing.broker.adapters.drivewealth.BrokerSandbox;
import com.stack.investing.broker.adapters.drivewealth.RecordingReports;
import com.stack.investing.broker.app.Broker;
import com.stack.investing.broker.app.ExecutionReport;
import com.stack.investing.shared.domain.OrderSide;
import com.stack.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

/** The Alpaca adapter and its trade event stream against the partner sandbox's Alpaca, over HTTP. */
class AlpacaBrokerTest {

    static final BrokerSandbox SANDBOX = BrokerSandbox.shared();
    static DatabaseClient db;

    static final Map<String, String> SETTINGS = Map.of(
            "stack.alpaca.base-url",
            SANDBOX.url("/alpaca"),
            "stack.alpaca.data-url",
            SANDBOX.url("/alpaca/data"),
            "stack.alpaca.resilience.initial-backoff",
            "20ms",
            "stack.alpaca.trade-events.reconnect-backoff",
            "100ms");

    final AlpacaConnection connection = BrokerSandbox.properties("stack.alpaca", AlpacaConnection.class, SETTINGS);
    final AlpacaProperties properties = BrokerSandbox.properties("stack.alpaca", AlpacaProperties.class, SETTINGS);
    final AlpacaBroker broker = new AlpacaBroker(WebClient.builder(), connection);
    final RecordingReports reports = new RecordingReports();
    AlpacaTradeStream stream;

    @BeforeAll
    static void database() throws Exception {
        String database = TestInfrastructure.freshDatabase("investing_alpaca_stream");
        String jdbc = "jdbc:postgresql://" + TestInfrastructure.postgresHost() + ":" + TestInfrastructure.postgresPort()
                + "/" + database;
        try (var connection = DriverManager.getConnection(
                        jdbc, TestInfrastructure.postgresUser(), TestInfrastructure.postgresPassword());
                var statement = connection.createStatement();
                var migration = AlpacaBrokerTest.class.getResourceAsStream("/db/investing/V4__broker_streams.sql")) {
            statement.execute(new String(migration.readAllBytes(), StandardCharsets.UTF_8));
        }
        db = DatabaseClient.create(ConnectionFactories.get(ConnectionFactoryOptions.builder()
                .option(ConnectionFactoryOptions.DRIVER, "postgresql")
                .option(ConnectionFactoryOptions.HOST, TestInfrastructure.postgresHost())
                .option(ConnectionFactoryOptions.PORT, TestInfrastructure.postgresPort())
                .option(ConnectionFactoryOptions.USER, TestInfrastructure.postgresUser())
                .option(ConnectionFactoryOptions.PASSWORD, TestInfrastructure.postgresPassword())
                .option(ConnectionFactoryOptions.DATABASE, database)
                .build()));
        // the stream of this JVM's sandbox from its first event: a first connection without since_id would miss
        // the events of an order placed before it was established
        positions()
                .advance(AlpacaBroker.PARTNER, AlpacaOrders.STREAM, "00000000000000000000000000")
                .block(BrokerSandbox.TIMEOUT);
    }

    @AfterEach
    void stop() {
        SANDBOX.clearFaults();
        if (stream != null) {
            stream.stop();
        }
    }

    @Test
    void aNotionalBuyIsFilledAndItsReportCarriesTheCumulativeQuantityAndAveragePrice() {
        Broker.Account account = fundedAccount("1000.00");
        startStream();
        UUID order = UUID.randomUUID();

        Broker.Placed placed =
                broker.place(account, notionalBuy(order, "AAPL", "100.00")).block(BrokerSandbox.TIMEOUT);

        ExecutionReport filled = awaitReport(order, ExecutionReport.State.FILLED);
        assertThat(filled.brokerOrderId()).isEqualTo(placed.brokerOrderId());
        Map<String, Object> atSandbox = sandboxOrder(account, order);
        assertThat(filled.cumulativeQuantity())
                .isPositive()
                .isEqualByComparingTo(new BigDecimal(String.valueOf(atSandbox.get("filledQty"))));
        assertThat(filled.averagePrice())
                .isEqualByComparingTo(new BigDecimal(String.valueOf(atSandbox.get("filledAvgPrice"))));
        BigDecimal cost =
                filled.cumulativeQuantity().multiply(filled.averagePrice()).setScale(2, RoundingMode.HALF_EVEN);
        assertThat(cost).isLessThanOrEqualTo(new BigDecimal("100.00"));

        assertThat(broker.find(account, order).block(BrokerSandbox.TIMEOUT)).hasValueSatisfying(read -> {
            assertThat(read.state()).isEqualTo(ExecutionReport.State.FILLED);
            assertThat(read.cumulativeQuantity()).isEqualByComparingTo(filled.cumulativeQuantity());
        });
        assertThat(broker.cash(account).block(BrokerSandbox.TIMEOUT))
                .isEqualByComparingTo(new BigDecimal("1000.00").subtract(cost));
        assertThat(broker.positions(account).block(BrokerSandbox.TIMEOUT))
                .singleElement()
                .satisfies(holding -> {
                    assertThat(holding.symbol()).isEqualTo("AAPL");
                    assertThat(holding.quantity()).isEqualByComparingTo(filled.cumulativeQuantity());
                });
    }

    @Test
    void placingTheSameOrderTwiceAnswersTheOrderPlacedBefore() {
        Broker.Account account = fundedAccount("1000.00");
        UUID order = UUID.randomUUID();

        Broker.Placed first =
                broker.place(account, notionalBuy(order, "VTI", "50.00")).block(BrokerSandbox.TIMEOUT);
        Broker.Placed second =
                broker.place(account, notionalBuy(order, "VTI", "50.00")).block(BrokerSandbox.TIMEOUT);

        assertThat(second.brokerOrderId()).isEqualTo(first.brokerOrderId());
        assertThat(SANDBOX.controlGet("/market/orders?accountId={a}", account.accountId())
                        .get("count"))
                .isEqualTo(1);
    }

    @Test
    void aBuyOverTheCashIsRefusedForInsufficientBuyingPower() {
        Broker.Account account = fundedAccount("10.00");

        assertThatThrownBy(() -> broker.place(account, notionalBuy(UUID.randomUUID(), "AAPL", "50.00"))
                        .block(BrokerSandbox.TIMEOUT))
                .isInstanceOfSatisfying(
                        Broker.BrokerRefusedException.class,
                        refused -> assertThat(refused.code()).isEqualTo("INSUFFICIENT_BUYING_POWER"));
    }

    @Test
    void anUnknownSymbolAndAnUnknownAccountAreRefusedWithTheirReasons() {
        Broker.Account account = fundedAccount("100.00");

        assertThatThrownBy(() -> broker.place(account, notionalBuy(UUID.randomUUID(), "ZZZZ", "5.00"))
                        .block(BrokerSandbox.TIMEOUT))
                .isInstanceOfSatisfying(
                        Broker.BrokerRefusedException.class,
                        refused -> assertThat(refused.code()).isEqualTo("UNKNOWN_SYMBOL"));
        assertThatThrownBy(() -> broker.place(
                                new Broker.Account(UUID.randomUUID().toString(), "none"),
                                notionalBuy(UUID.randomUUID(), "AAPL", "5.00"))
                        .block(BrokerSandbox.TIMEOUT))
                .isInstanceOfSatisfying(
                        Broker.BrokerRefusedException.class,
                        refused -> assertThat(refused.code()).isEqualTo("UNKNOWN_ACCOUNT"));
    }

    @Test
    void transientFailuresAreRetriedAndTooManyMakeTheBrokerUnavailable() {
        Broker.Account account = fundedAccount("100.00");
        SANDBOX.fault("alpaca", "POST", "/v1/trading/accounts/*/orders", 503, 2);

        UUID order = UUID.randomUUID();
        assertThat(broker.place(account, notionalBuy(order, "AAPL", "5.00"))
                        .block(BrokerSandbox.TIMEOUT)
                        .brokerOrderId())
                .isNotBlank();

        SANDBOX.fault("alpaca", "POST", "/v1/trading/accounts/*/orders", 503, 3);
        assertThatThrownBy(() -> broker.place(account, notionalBuy(UUID.randomUUID(), "AAPL", "5.00"))
                        .block(BrokerSandbox.TIMEOUT))
                .isInstanceOf(Broker.BrokerUnavailableException.class);
    }

    @Test
    void aRestartedStreamResumesAfterTheLastAppliedEventAndDoesNotDeliverItAgain() {
        Broker.Account account = fundedAccount("1000.00");
        startStream();
        UUID first = UUID.randomUUID();
        broker.place(account, notionalBuy(first, "MSFT", "20.00")).block(BrokerSandbox.TIMEOUT);
        awaitReport(first, ExecutionReport.State.FILLED);
        String position =
                positions().last(AlpacaBroker.PARTNER, AlpacaOrders.STREAM).block(BrokerSandbox.TIMEOUT);
        assertThat(position).isNotBlank();
        stream.stop();

        RecordingReports afterRestart = new RecordingReports();
        UUID second = UUID.randomUUID();
        broker.place(account, notionalBuy(second, "MSFT", "20.00")).block(BrokerSandbox.TIMEOUT);
        stream = new AlpacaTradeStream(
                WebClient.builder(), connection, properties, afterRestart, positions(), new SimpleMeterRegistry());
        stream.start();

        await().atMost(Duration.ofSeconds(15))
                .until(() -> afterRestart.applied().stream()
                        .anyMatch(report -> report.clientOrderId().equals(second)
                                && report.state() == ExecutionReport.State.FILLED));
        assertThat(afterRestart.applied())
                .as("events applied before the restart")
                .noneMatch(report -> report.clientOrderId().equals(first))
                .allMatch(report -> report.eventId().compareTo(position) > 0);
    }

    static Broker.OrderRequest notionalBuy(UUID order, String symbol, String amount) {
        return new Broker.OrderRequest(
                order, symbol, Broker.AssetClass.EQUITY, OrderSide.BUY, new BigDecimal(amount), null, null);
    }

    static StreamPositions positions() {
        return new StreamPositions(db, "broker_stream_positions");
    }

    void startStream() {
        stream = new AlpacaTradeStream(
                WebClient.builder(), connection, properties, reports, positions(), new SimpleMeterRegistry());
        stream.start();
    }

    ExecutionReport awaitReport(UUID order, ExecutionReport.State state) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> reports.applied().stream()
                        .anyMatch(report -> report.clientOrderId().equals(order) && report.state() == state));
        return reports.applied().stream()
                .filter(report -> report.clientOrderId().equals(order) && report.state() == state)
                .findFirst()
                .orElseThrow();
    }

    /** A new account at the sandbox's Alpaca with this much cash. */
    Broker.Account fundedAccount(String cash) {
        WebClient alpaca = connection.client(WebClient.builder());
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
                .block(BrokerSandbox.TIMEOUT)
                .get("id");
        SANDBOX.controlPut("/alpaca/accounts/{id}/cash", Map.of("cash", cash), id);
        return new Broker.Account(id, id);
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
