package com.stack.investing.order.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.BuyingPowerChanged;
import com.stack.contracts.events.v1.OrderReservationAnswered;
import com.stack.investing.InvestingApplication;
import com.stack.investing.broker.adapters.drivewealth.BrokerSandbox;
import com.stack.investing.broker.app.Broker;
import com.stack.investing.portfolio.app.BuyingPowerReadModel;
import com.stack.testsupport.SubgraphIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The reconciler against a real broker: investing (a context of its own, on a database of its own, so no other
 * test's orders are compared) with DriveWealth at the in-process sandbox. A filled order leaves investing and the
 * broker agreeing; then the broker's cash changes behind investing's back (a fee) and a position row is altered,
 * and the drift shows on the gauge {@code stack.investing.reconciliation.drift{kind}} and on
 * {@code /actuator/health/brokerReconciliation} (DOWN with the details), until it is removed again.
 */
@SpringBootTest(
        classes = InvestingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=investing-service")
class BrokerReconciliationTest extends SubgraphIntegrationTest {

    static final BrokerSandbox SANDBOX = BrokerSandbox.shared();
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registerService(registry, "stack_investing_reconciliation");
        registry.add("stack.investing.broker.partner", () -> "drivewealth");
        registry.add("stack.drivewealth.base-url", SANDBOX::driveWealthUrl);
        // outcomes are read back from the broker by the test: no queue, so no other test's events are taken
        registry.add("stack.drivewealth.order-events.enabled", () -> "false");
        registry.add("stack.alpaca.data-url", () -> SANDBOX.url("/alpaca/data"));
        registry.add("stack.investing.orders.enabled", () -> "false");
        registry.add("stack.investing.reconciliation.enabled", () -> "false");
    }

    @Autowired
    OrderSaga saga;

    @Autowired
    BrokerOrderLoop loop;

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

    @Test
    void driftFromTheBrokerShowsOnTheGaugeAndTheHealthUntilItIsGone() {
        Broker.Account account = SANDBOX.driveWealthAccount("1000.00");
        String subject = newSubject();
        UUID user = userIdOf(subject);
        buyingPower(user, "1000.00", 1);

        UUID order = as(subject)
                .document("""
                        mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }""")
                .variable(
                        "input",
                        Map.of("symbol", "AAPL", "side", "BUY", "amountUsd", "100.00", "idempotencyKey", "reconciled"))
                .execute()
                .errors()
                .verify()
                .path("placeOrder.id")
                .entity(UUID.class)
                .get();
        transactions
                .transactional(saga.reservationAnswered(EventEnvelope.of(
                        "/test/funding",
                        new OrderReservationAnswered(
                                user,
                                order,
                                "RESERVED",
                                null,
                                "100.00",
                                "drivewealth",
                                account.accountId(),
                                account.accountNo(),
                                Instant.now()))))
                .block(TIMEOUT);
        loop.drain().block(TIMEOUT);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            loop.refreshStale(Duration.ZERO).block(TIMEOUT);
            return "filled".equals(status(order));
        });
        // funding's ledger takes the filled amount: buying power is what the broker's cash is now
        BigDecimal filled = db.sql("SELECT filled_amount_usd FROM orders WHERE id = :id")
                .bind("id", order)
                .map(row -> row.get("filled_amount_usd", BigDecimal.class))
                .one()
                .block(TIMEOUT);
        buyingPower(user, new BigDecimal("1000.00").subtract(filled).toPlainString(), 2);

        // agreeing
        OrderReconciler.Run agreeing = reconciler.reconcile().block(TIMEOUT);
        assertThat(agreeing.accounts()).isEqualTo(1);
        assertThat(agreeing.positionDrift()).isEmpty();
        assertThat(agreeing.cashDrift()).isEmpty();
        assertThat(drift("position")).isZero();
        assertThat(drift("cash")).isZero();
        health().expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.details.accountsCompared")
                .isEqualTo(1)
                .jsonPath("$.details.positionDrift")
                .isEmpty()
                .jsonPath("$.details.cashDrift")
                .isEmpty();

        // a fee taken at the broker, and a position row altered here
        SANDBOX.adjustDriveWealthCash(account, "-2.50");
        db.sql("UPDATE positions SET quantity = quantity + 1 WHERE user_id = :user AND symbol = 'AAPL'")
                .bind("user", user)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);

        OrderReconciler.Run drifting = reconciler.reconcile().block(TIMEOUT);
        assertThat(drifting.positionDrift()).containsExactly(user + ":AAPL");
        assertThat(drifting.cashDrift()).hasSize(1);
        String cash = drifting.cashDrift().get(0);
        assertThat(cash).matches(user + ": broker [0-9.]+, here [0-9.]+");
        BigDecimal here = new BigDecimal(cash.replaceAll(".*, here ", ""));
        assertThat(here).isEqualByComparingTo(new BigDecimal("1000.00").subtract(filled));
        assertThat(new BigDecimal(cash.replaceAll(".*: broker (.*), here .*", "$1")))
                .isEqualByComparingTo(here.subtract(new BigDecimal("2.50")));
        assertThat(drift("position")).isEqualTo(1);
        assertThat(drift("cash")).isEqualTo(1);
        health().expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("DOWN")
                .jsonPath("$.details.accountsCompared")
                .isEqualTo(1)
                .jsonPath("$.details.positionDrift")
                .isEqualTo(List.of(user + ":AAPL"))
                .jsonPath("$.details.cashDrift[0]")
                .value(String.class, detail -> assertThat(detail).startsWith(user + ": "));

        // put right at both ends
        SANDBOX.adjustDriveWealthCash(account, "2.50");
        db.sql("UPDATE positions SET quantity = quantity - 1 WHERE user_id = :user AND symbol = 'AAPL'")
                .bind("user", user)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);

        OrderReconciler.Run again = reconciler.reconcile().block(TIMEOUT);
        assertThat(again.positionDrift()).isEmpty();
        assertThat(again.cashDrift()).isEmpty();
        assertThat(drift("position")).isZero();
        assertThat(drift("cash")).isZero();
        health().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    void buyingPower(UUID user, String usd, long version) {
        buyingPower
                .handle(EventEnvelope.of(
                        "/test/funding", new BuyingPowerChanged(user, usd, "0", "0", version, Instant.now())))
                .block(TIMEOUT);
    }

    String status(UUID order) {
        return db.sql("SELECT status FROM orders WHERE id = :id")
                .bind("id", order)
                .map(row -> row.get("status", String.class))
                .one()
                .block(TIMEOUT);
    }

    double drift(String kind) {
        return meters.get("stack.investing.reconciliation.drift")
                .tag("kind", kind)
                .gauge()
                .value();
    }

    WebTestClient.ResponseSpec health() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(TIMEOUT)
                .build()
                .get()
                .uri("/actuator/health/brokerReconciliation")
                .exchange();
    }
}
