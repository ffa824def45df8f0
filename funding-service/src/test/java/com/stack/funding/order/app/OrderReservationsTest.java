package com.stack.funding.order.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.OrderReservationRequested;
import com.stack.contracts.events.v1.OrderStatusChanged;
import com.stack.defaults.messaging.PoisonEventException;
import com.stack.funding.FundingServiceTest;
import com.stack.funding.broker.adapters.BrokerAccountRepository;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.deposit.domain.Deposit;
import com.stack.funding.deposit.domain.DepositStatus;
import com.stack.funding.deposit.domain.OffRampAmount;
import com.stack.funding.ledger.adapters.LedgerRepository;
import com.stack.funding.ledger.app.Ledger;
import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.shared.domain.Chain;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order saga's funding side against the real database, the handlers called as the consumer calls them (in a
 * transaction, with an event): reservations hold buying power under the user's lock and never overdraw, a repeated
 * request gets the same answer and holds once, fills and ends settle once however often and in whatever order
 * statuses arrive, a sell's fills credit buying power, and every journal balances with no user account negative.
 */
class OrderReservationsTest extends FundingServiceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ANSWERED = "com.stack.funding.OrderReservationAnswered";
    static final String BUYING_POWER_CHANGED = "com.stack.funding.BuyingPowerChanged";

    @Autowired
    OrderReservations reservations;

    @Autowired
    OrderSettlements settlements;

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerRepository ledgerRepository;

    @Autowired
    BrokerAccountRepository brokerAccounts;

    @Autowired
    Brokerage brokerage;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    DatabaseClient db;

    @Autowired
    MeterRegistry meters;

    /** A user with an account at the broker and {@code usd} of buying power, as a funded deposit leaves it. */
    UUID userWithBuyingPower(String usd) {
        UUID user = UUID.randomUUID();
        brokerAccounts
                .keep(
                        user,
                        brokerage.partner(),
                        new Brokerage.Account(
                                "acc-" + user, "NO-" + user.toString().substring(0, 8)))
                .block(TIMEOUT);
        if (new BigDecimal(usd).signum() > 0) {
            fund(user, usd);
        }
        return user;
    }

    void fund(UUID user, String usd) {
        Deposit deposit = new Deposit(
                UUID.randomUUID(),
                user,
                Chain.ETHEREUM,
                "0x" + UUID.randomUUID(),
                new BigDecimal(usd),
                DepositStatus.BROKER_FUNDED,
                null,
                5,
                Instant.now(),
                Instant.now());
        // confirmed, then funded: the pending deposit goes up and back to zero
        transactions
                .transactional(ledger.post(LedgerPosting.depositConfirmedOnChain(deposit))
                        .then(ledger.post(LedgerPosting.brokerFunded(
                                deposit, OffRampAmount.of(deposit.amountUsdc()), brokerage.partner()))))
                .block(TIMEOUT);
    }

    void request(UUID user, UUID order, String side, String amount) {
        transactions
                .transactional(reservations.handle(EventEnvelope.of(
                        "investing-service", new OrderReservationRequested(user, order, side, amount, Instant.now()))))
                .block(TIMEOUT);
    }

    void status(UUID user, UUID order, String status, String side, String filled, long version) {
        transactions
                .transactional(settlements.handle(EventEnvelope.of(
                        "investing-service",
                        new OrderStatusChanged(
                                user,
                                order,
                                status,
                                "STOCK",
                                "AAPL",
                                side,
                                "100.00",
                                filled,
                                null,
                                null,
                                version,
                                Instant.now()))))
                .block(TIMEOUT);
    }

    /** The user's outbox rows, oldest first: event type and payload. */
    List<JsonNode> outbox(UUID user) {
        return db.sql("SELECT event_type, payload FROM outbox_events WHERE partition_key = :user ORDER BY id")
                .bind("user", user.toString())
                .map(row -> {
                    JsonNode payload = JSON.readTree(row.get("payload", String.class));
                    return (JsonNode) JSON.createObjectNode()
                            .put("type", row.get("event_type", String.class))
                            .set("data", payload);
                })
                .all()
                .collectList()
                .block(TIMEOUT);
    }

    List<JsonNode> answers(UUID user) {
        return outbox(user).stream()
                .filter(row -> row.get("type").asString().equals(ANSWERED))
                .map(row -> row.get("data"))
                .toList();
    }

    BigDecimal account(UUID user, String kind) {
        return db.sql("SELECT COALESCE(SUM(e.amount), 0) AS total FROM ledger_entries e JOIN ledger_accounts a"
                        + " ON a.id = e.account_id WHERE a.user_id = :user AND a.kind = :kind")
                .bind("user", user)
                .bind("kind", kind)
                .map(row -> row.get("total", BigDecimal.class))
                .one()
                .block(TIMEOUT);
    }

    /** What the order's journals moved into (positive) or out of the house's invested account. */
    BigDecimal invested(UUID order) {
        return db.sql("SELECT COALESCE(SUM(e.amount), 0) AS total FROM ledger_entries e JOIN ledger_accounts a"
                        + " ON a.id = e.account_id JOIN ledger_journal j ON j.id = e.journal_id"
                        + " WHERE a.kind = 'partner_clearing' AND a.partner = 'invested' AND j.reference LIKE :order")
                .bind("order", "order:" + order + ":%")
                .map(row -> row.get("total", BigDecimal.class))
                .one()
                .block(TIMEOUT);
    }

    List<String> journals(UUID order) {
        return db.sql("SELECT reference FROM ledger_journal WHERE reference LIKE :order ORDER BY created_at, reference")
                .bind("order", "order:" + order + ":%")
                .map(row -> row.get("reference", String.class))
                .all()
                .collectList()
                .block(TIMEOUT);
    }

    /** Every journal of the user's accounts sums to zero, none of the user's accounts is negative, none drifted. */
    void ledgerHoldsFor(UUID user) {
        long unbalanced = db.sql("SELECT count(*) AS n FROM (SELECT e.journal_id FROM ledger_entries e"
                        + " JOIN ledger_accounts a ON a.id = e.account_id WHERE e.journal_id IN (SELECT e2.journal_id"
                        + " FROM ledger_entries e2 JOIN ledger_accounts a2 ON a2.id = e2.account_id WHERE a2.user_id = :user)"
                        + " GROUP BY e.journal_id, a.currency HAVING SUM(e.amount) <> 0) j")
                .bind("user", user)
                .map(row -> row.get("n", Long.class))
                .one()
                .block(TIMEOUT);
        long negative = db.sql("SELECT count(*) AS n FROM ledger_accounts a JOIN ledger_user_balances b"
                        + " ON b.account_id = a.id WHERE a.user_id = :user AND b.balance < 0")
                .bind("user", user)
                .map(row -> row.get("n", Long.class))
                .one()
                .block(TIMEOUT);
        long drifted = db.sql("SELECT count(*) AS n FROM ledger_accounts a JOIN ledger_user_balances b"
                        + " ON b.account_id = a.id WHERE a.user_id = :user"
                        + " AND b.balance <> (SELECT SUM(e.amount) FROM ledger_entries e WHERE e.account_id = a.id)")
                .bind("user", user)
                .map(row -> row.get("n", Long.class))
                .one()
                .block(TIMEOUT);
        assertThat(unbalanced).as("unbalanced journals").isZero();
        assertThat(negative).as("negative accounts").isZero();
        assertThat(drifted).as("drifted balances").isZero();
    }

    @Test
    void fiftyConcurrentBuysOfOneUserHoldNoMoreThanTheBuyingPower() {
        UUID user = userWithBuyingPower("105.55");
        List<UUID> orders =
                IntStream.range(0, 50).mapToObj(i -> UUID.randomUUID()).toList();

        Flux.fromIterable(orders)
                .flatMap(
                        order -> transactions.transactional(reservations.handle(EventEnvelope.of(
                                "investing-service",
                                new OrderReservationRequested(user, order, "BUY", "10.00", Instant.now())))),
                        orders.size())
                .then()
                .block(TIMEOUT);

        List<JsonNode> answers = answers(user);
        assertThat(answers).hasSize(50);
        assertThat(answers.stream().filter(a -> a.get("outcome").asString().equals("RESERVED")))
                .hasSize(10)
                .allSatisfy(a -> assertThat(a.get("heldUsd").asString()).isEqualTo("10.00"));
        assertThat(answers.stream().filter(a -> a.get("outcome").asString().equals("REFUSED")))
                .hasSize(40)
                .allSatisfy(a -> {
                    assertThat(a.get("reason").asString()).isEqualTo("INSUFFICIENT_BUYING_POWER");
                    assertThat(a.get("heldUsd").asString()).isEqualTo("0.00");
                });
        assertThat(account(user, "user_buying_power")).isEqualByComparingTo("5.55");
        assertThat(account(user, "user_pending_order")).isEqualByComparingTo("100.00");
        // each reservation's answer comes right before its hold's BuyingPowerChanged
        List<JsonNode> outbox = outbox(user);
        for (int i = 0; i < outbox.size(); i++) {
            JsonNode row = outbox.get(i);
            if (row.get("type").asString().equals(ANSWERED)
                    && row.get("data").get("outcome").asString().equals("RESERVED")) {
                assertThat(outbox.get(i + 1).get("type").asString()).isEqualTo(BUYING_POWER_CHANGED);
            }
        }
        assertThat(db.sql("SELECT count(*) AS n FROM order_reservations WHERE user_id = :user")
                        .bind("user", user)
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block(TIMEOUT))
                .isEqualTo(50L);
        ledgerHoldsFor(user);
    }

    @Test
    void aReservedOrdersAnswerGoesOutBeforeTheBuyingPowerItsHoldLowered() {
        UUID user = userWithBuyingPower("100.00");
        UUID order = UUID.randomUUID();
        int before = outbox(user).size();

        request(user, order, "BUY", "60.00");

        // one transaction (the consumer's), one key: investing reads them in this order, so it never sees 40.00 of
        // buying power while it still counts the 60.00 as awaiting its reservation (it would refuse an order of 40.00)
        List<JsonNode> all = outbox(user);
        List<JsonNode> appended = all.subList(before, all.size());
        assertThat(appended)
                .extracting(row -> row.get("type").asString())
                .containsExactly(ANSWERED, BUYING_POWER_CHANGED);
        assertThat(appended.get(0).get("data").get("orderId").asString()).isEqualTo(order.toString());
        assertThat(appended.get(0).get("data").get("outcome").asString()).isEqualTo("RESERVED");
        assertThat(appended.get(1).get("data").get("buyingPower").asString()).isEqualTo("40.00");
    }

    @Test
    void aRepeatedRequestIsAnsweredTheSameAndHoldsOnce() {
        UUID user = userWithBuyingPower("100.00");
        UUID order = UUID.randomUUID();

        request(user, order, "BUY", "60.00");
        request(user, order, "BUY", "60.00");

        List<JsonNode> answers = answers(user);
        assertThat(answers).hasSize(2);
        assertThat(answers.get(1)).isEqualTo(answers.get(0));
        assertThat(answers.get(0).get("outcome").asString()).isEqualTo("RESERVED");
        assertThat(answers.get(0).get("broker").asString()).isEqualTo(brokerage.partner());
        assertThat(answers.get(0).get("brokerAccountId").asString()).isEqualTo("acc-" + user);
        assertThat(account(user, "user_buying_power")).isEqualByComparingTo("40.00");
        assertThat(account(user, "user_pending_order")).isEqualByComparingTo("60.00");
        assertThat(journals(order)).containsExactly("order:" + order + ":held");
        ledgerHoldsFor(user);
    }

    @Test
    void aRefusalIsTheAnswerForGoodEvenOnceTheBuyingPowerWouldCoverIt() {
        UUID user = userWithBuyingPower("10.00");
        UUID order = UUID.randomUUID();

        request(user, order, "BUY", "20.00");
        fund(user, "50.00");
        request(user, order, "BUY", "20.00");

        List<JsonNode> answers = answers(user);
        assertThat(answers).hasSize(2).allSatisfy(a -> {
            assertThat(a.get("outcome").asString()).isEqualTo("REFUSED");
            assertThat(a.get("reason").asString()).isEqualTo("INSUFFICIENT_BUYING_POWER");
        });
        assertThat(account(user, "user_buying_power")).isEqualByComparingTo("60.00");
        assertThat(journals(order)).isEmpty();
    }

    @Test
    void withoutABrokerAccountAnOrderIsRefusedAndItsStatusesIgnored() {
        UUID user = UUID.randomUUID();
        fund(user, "100.00");
        UUID order = UUID.randomUUID();

        request(user, order, "BUY", "10.00");
        status(user, order, "FILLED", "BUY", "10.00", 3);

        JsonNode answer = answers(user).get(0);
        assertThat(answer.get("outcome").asString()).isEqualTo("REFUSED");
        assertThat(answer.get("reason").asString()).isEqualTo("NO_BROKER_ACCOUNT");
        assertThat(answer.get("brokerAccountId").isNull()).isTrue();
        assertThat(account(user, "user_buying_power")).isEqualByComparingTo("100.00");
        assertThat(journals(order)).isEmpty();
    }

    @Test
    void partialFillsThenACancelReleaseExactlyWhatWasNotFilledOnceWhateverTheOrderOfStatuses() {
        UUID user = userWithBuyingPower("250.00");
        UUID order = UUID.randomUUID();
        request(user, order, "BUY", "100.00");

        status(user, order, "PARTIALLY_FILLED", "BUY", "30.00", 3);
        status(user, order, "PARTIALLY_FILLED", "BUY", "10.00", 2);
        status(user, order, "PARTIALLY_FILLED", "BUY", "30.00", 3);
        status(user, order, "CANCELED", "BUY", "30.00", 4);
        status(user, order, "CANCELED", "BUY", "30.00", 4);

        assertThat(invested(order)).isEqualByComparingTo("30.00");
        assertThat(account(user, "user_pending_order")).isEqualByComparingTo("0");
        assertThat(account(user, "user_buying_power")).isEqualByComparingTo("220.00");
        assertThat(journals(order))
                .containsExactlyInAnyOrder(
                        "order:" + order + ":held", "order:" + order + ":filled:3000", "order:" + order + ":released");
        assertThat(db.sql("SELECT settled_filled_usd, terminal_status FROM order_reservations WHERE order_id = :order")
                        .bind("order", order)
                        .map(row -> row.get("settled_filled_usd", BigDecimal.class)
                                        .toPlainString() + " " + row.get("terminal_status", String.class))
                        .one()
                        .block(TIMEOUT))
                .isEqualTo("30.00 canceled");
        ledgerHoldsFor(user);
    }

    @Test
    void aFillBeyondTheHoldIsCountedAndNeverTakenFromBuyingPower() {
        UUID user = userWithBuyingPower("150.00");
        UUID order = UUID.randomUUID();
        request(user, order, "BUY", "100.00");
        double before = meters.counter("stack.funding.orders.fills_beyond_hold").count();

        status(user, order, "FILLED", "BUY", "100.25", 5);
        status(user, order, "FILLED", "BUY", "100.25", 5);

        assertThat(invested(order)).isEqualByComparingTo("100.00");
        assertThat(account(user, "user_buying_power")).isEqualByComparingTo("50.00");
        assertThat(account(user, "user_pending_order")).isEqualByComparingTo("0");
        assertThat(meters.counter("stack.funding.orders.fills_beyond_hold").count() - before)
                .isEqualTo(1.0);
        ledgerHoldsFor(user);
    }

    @Test
    void aSellsFillsCreditBuyingPowerOnce() {
        UUID user = userWithBuyingPower("0");
        UUID order = UUID.randomUUID();

        request(user, order, "SELL", "50.00");
        status(user, order, "PARTIALLY_FILLED", "SELL", "20.00", 3);
        status(user, order, "FILLED", "SELL", "49.99", 4);
        status(user, order, "PARTIALLY_FILLED", "SELL", "20.00", 3);
        status(user, order, "FILLED", "SELL", "49.99", 4);

        JsonNode answer = answers(user).get(0);
        assertThat(answer.get("outcome").asString()).isEqualTo("RESERVED");
        assertThat(answer.get("heldUsd").asString()).isEqualTo("0.00");
        assertThat(account(user, "user_buying_power")).isEqualByComparingTo("49.99");
        assertThat(invested(order)).isEqualByComparingTo("-49.99");
        assertThat(journals(order))
                .containsExactlyInAnyOrder("order:" + order + ":filled:2000", "order:" + order + ":filled:4999");
        ledgerHoldsFor(user);
    }

    @Test
    void statusesOfOrdersWithoutAReservationHereChangeNothing() {
        UUID user = userWithBuyingPower("10.00");
        UUID order = UUID.randomUUID();

        status(user, order, "FILLED", "BUY", "5.00", 2);

        assertThat(journals(order)).isEmpty();
        assertThat(account(user, "user_buying_power")).isEqualByComparingTo("10.00");
    }

    @Test
    void invalidRequestsAndStatusesArePoison() {
        UUID user = userWithBuyingPower("100.00");
        UUID order = UUID.randomUUID();

        assertThatThrownBy(() -> request(user, UUID.randomUUID(), "BUY", "-5.00"))
                .isInstanceOf(PoisonEventException.class);
        assertThatThrownBy(() -> request(user, UUID.randomUUID(), "HOLD", "5.00"))
                .isInstanceOf(PoisonEventException.class);
        assertThatThrownBy(() -> request(user, UUID.randomUUID(), "BUY", "0.00"))
                .isInstanceOf(PoisonEventException.class);
        assertThatThrownBy(() -> request(user, UUID.randomUUID(), "BUY", "1e9"))
                .isInstanceOf(PoisonEventException.class);
        request(user, order, "BUY", "5.00");
        assertThatThrownBy(() -> request(UUID.randomUUID(), order, "BUY", "5.00"))
                .isInstanceOf(PoisonEventException.class);
        assertThatThrownBy(() -> status(user, order, "PARTIALLY_FILLED", "BUY", "-1.00", 3))
                .isInstanceOf(PoisonEventException.class);

        assertThat(answers(user)).hasSize(1);
        assertThat(account(user, "user_pending_order")).isEqualByComparingTo("5.00");
    }
}
