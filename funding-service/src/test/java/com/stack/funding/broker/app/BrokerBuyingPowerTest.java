package com.stack.funding.broker.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.OrderReservationRequested;
import com.stack.defaults.partners.drivewealth.DriveWealthConnection;
import com.stack.funding.FundingServiceTest;
import com.stack.funding.broker.adapters.BrokerAccountRepository;
import com.stack.funding.deposit.domain.Deposit;
import com.stack.funding.deposit.domain.DepositStatus;
import com.stack.funding.deposit.domain.OffRampAmount;
import com.stack.funding.ledger.adapters.LedgerRepository;
import com.stack.funding.ledger.app.Ledger;
import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.order.app.OrderReservations;
import com.stack.funding.partner.adapters.PartnerSandbox;
import com.stack.funding.partner.adapters.drivewealth.DriveWealthBalances;
import com.stack.funding.partner.adapters.drivewealth.DriveWealthClient;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.shared.domain.Partners;
import com.stack.funding.withdrawal.adapters.WithdrawalRepository;
import com.stack.testsupport.PrometheusScrape;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The broker's own buying power as the second check (Story 2.4 AC 2), with the broker's balances at the partner
 * sandbox's DriveWealth (deposits and redemptions stay unreachable, as in every funding test): a withdrawal or a buy
 * the ledger covers and the broker does not is refused with BROKER_BUYING_POWER_SHORT and holds nothing, and counts
 * a mismatch; a broker that cannot be asked refuses the withdrawal (BROKER_UNAVAILABLE) and lets the buy through on
 * the ledger; the broker's answer is reused within the ttl; the daily reconciliation counts the drifted users.
 */
@TestPropertySource(properties = "stack.funding.broker-balance.cache-ttl=1s")
@Import(BrokerBuyingPowerTest.BalancesAtTheSandbox.class)
class BrokerBuyingPowerTest extends FundingServiceTest {

    static final PartnerSandbox SANDBOX = PartnerSandbox.shared();
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String ETH = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final String INITIATE = """
            mutation($input: WithdrawalInput!) {
              initiateWithdrawal(input: $input) { id amountUsd status }
            }""";

    /** DriveWealth's money summary at the sandbox, one attempt per read so that a 503 is the broker unavailable. */
    @TestConfiguration(proxyBeanMethods = false)
    static class BalancesAtTheSandbox {

        @Bean
        @Primary
        BrokerBalances balancesAtTheSandbox(WebClient.Builder webClients) {
            return new DriveWealthBalances(webClients, connection());
        }
    }

    static DriveWealthConnection connection() {
        return PartnerSandbox.properties(
                "stack.drivewealth",
                DriveWealthConnection.class,
                Map.of(
                        "stack.drivewealth.base-url",
                        SANDBOX.url("/drivewealth/back-office"),
                        "stack.drivewealth.resilience.max-attempts",
                        "1"));
    }

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerRepository ledgerRepository;

    @Autowired
    BrokerAccountRepository brokerAccounts;

    @Autowired
    BrokerBuyingPower buyingPower;

    @Autowired
    BrokerReconciler reconciler;

    @Autowired
    BrokerBalances balances;

    @Autowired
    OrderReservations reservations;

    @Autowired
    WithdrawalRepository withdrawals;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    DatabaseClient db;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void noFaults() {
        SANDBOX.clearFaults();
    }

    /**
     * The user's account at the sandbox's DriveWealth, kept under {@code broker}, holding {@code brokerCash}, with
     * {@code ledgerUsd} of buying power in the ledger.
     */
    Brokerage.Account accountOf(UUID user, String broker, String brokerCash, String ledgerUsd) {
        Brokerage.Account account = new DriveWealthClient(WebClient.builder(), connection())
                .openAccount(user, UUID.randomUUID())
                .block(TIMEOUT);
        SANDBOX.controlPost(
                "/drivewealth/accounts/{no}/cash-adjustments", Map.of("amount", brokerCash), account.accountNo());
        brokerAccounts.keep(user, broker, account).block(TIMEOUT);
        Deposit deposit = new Deposit(
                UUID.randomUUID(),
                user,
                Chain.ETHEREUM,
                "0x" + UUID.randomUUID(),
                new BigDecimal(ledgerUsd),
                DepositStatus.BROKER_FUNDED,
                null,
                5,
                Instant.now(),
                Instant.now());
        transactions
                .transactional(ledger.post(LedgerPosting.brokerFunded(
                        deposit, OffRampAmount.of(deposit.amountUsdc()), Partners.DRIVEWEALTH)))
                .block(TIMEOUT);
        return account;
    }

    Brokerage.Account accountOf(UUID user, String brokerCash, String ledgerUsd) {
        return accountOf(user, Partners.DRIVEWEALTH, brokerCash, ledgerUsd);
    }

    GraphQlTester.Response withdraw(String subject, String amount) {
        return as(subject)
                .document(INITIATE)
                .variable(
                        "input",
                        Map.of(
                                "amountUsd",
                                amount,
                                "chain",
                                "ETHEREUM",
                                "address",
                                ETH,
                                "idempotencyKey",
                                "k-" + UUID.randomUUID()))
                .execute();
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

    long withdrawalsOf(UUID user) {
        return db.sql("SELECT count(*) AS n FROM withdrawals WHERE user_id = :user")
                .bind("user", user)
                .map(row -> row.get("n", Long.class))
                .one()
                .block(TIMEOUT);
    }

    double mismatches() {
        return meters.counter(BrokerBuyingPower.MISMATCHES, "partner", Partners.DRIVEWEALTH)
                .count();
    }

    /** The reservation's outcome, reason and hold. */
    String reserve(UUID user, String amount) {
        UUID order = UUID.randomUUID();
        transactions
                .transactional(reservations.handle(EventEnvelope.of(
                        "investing-service", new OrderReservationRequested(user, order, "BUY", amount, Instant.now()))))
                .block(TIMEOUT);
        return db.sql("SELECT outcome, reason, held_usd FROM order_reservations WHERE order_id = :order")
                .bind("order", order)
                .map(row -> row.get("outcome", String.class) + " " + row.get("reason", String.class) + " "
                        + row.get("held_usd", BigDecimal.class).toPlainString())
                .one()
                .block(TIMEOUT);
    }

    @Test
    void aWithdrawalTheBrokerCannotFundIsRefusedAndNothingIsHeld() {
        String subject = newSubject();
        UUID user = userIdOf(subject);
        // the ledger has 100.00; the broker took a 5.00 fee the ledger does not know of
        accountOf(user, "95.00", "100.00");
        double before = mismatches();

        withdraw(subject, "95.02")
                .errors()
                .expect(errorWithCode("BROKER_BUYING_POWER_SHORT", "amountUsd"))
                .verify();

        assertThat(withdrawalsOf(user)).isZero();
        assertThat(account(user, "user_buying_power")).isEqualByComparingTo("100.00");
        assertThat(account(user, "user_pending_withdrawal")).isZero();
        assertThat(mismatches()).isEqualTo(before + 1);
        assertThat(PrometheusScrape.of("http://127.0.0.1:" + port)
                        .value("stack_funding_broker_mismatches_total", "partner", Partners.DRIVEWEALTH))
                .isEqualTo(before + 1);

        // within the tolerance (0.01) of what the broker has, and then all of it: the ledger holds it as always
        withdraw(subject, "95.01")
                .errors()
                .verify()
                .path("initiateWithdrawal.status")
                .entity(String.class)
                .isEqualTo("PENDING");
        assertThat(account(user, "user_pending_withdrawal")).isEqualByComparingTo("95.01");
        assertThat(mismatches()).isEqualTo(before + 1);
    }

    @Test
    void aBrokerThatCannotBeAskedRefusesTheWithdrawalAndHoldsNothing() {
        String subject = newSubject();
        UUID user = userIdOf(subject);
        accountOf(user, "100.00", "100.00");
        SANDBOX.fault("drivewealth", "GET", "/accounts/*/summary/money", 503, 1);

        withdraw(subject, "10.00")
                .errors()
                .expect(errorWithCode("BROKER_UNAVAILABLE"))
                .verify();

        assertThat(withdrawalsOf(user)).isZero();
        assertThat(account(user, "user_pending_withdrawal")).isZero();
        // the user tries again: the broker answers now
        withdraw(subject, "10.00")
                .errors()
                .verify()
                .path("initiateWithdrawal.status")
                .entity(String.class)
                .isEqualTo("PENDING");
    }

    @Test
    void aBuyTheBrokerCannotFundIsRefusedWhileAnUnreachableBrokerLeavesItToTheLedger() {
        UUID user = UUID.randomUUID();
        accountOf(user, "50.00", "100.00");
        double before = mismatches();

        assertThat(reserve(user, "60.00")).isEqualTo("refused broker_buying_power_short 0.00");
        assertThat(account(user, "user_buying_power")).isEqualByComparingTo("100.00");
        assertThat(mismatches()).isEqualTo(before + 1);
        assertThat(reserve(user, "50.00")).isEqualTo("reserved null 50.00");

        UUID other = UUID.randomUUID();
        accountOf(other, "5.00", "100.00");
        SANDBOX.fault("drivewealth", "GET", "/accounts/*/summary/money", 503, 1);
        assertThat(reserve(other, "60.00")).isEqualTo("reserved null 60.00");
    }

    @Test
    void theBrokersAnswerIsReusedWithinTheTtl() {
        UUID user = UUID.randomUUID();
        Brokerage.Account account = accountOf(user, "100.00", "100.00");

        assertThat(buyingPower.cash(account).block(TIMEOUT).balance()).isEqualByComparingTo("100.00");
        SANDBOX.controlPost(
                "/drivewealth/accounts/{no}/cash-adjustments", Map.of("amount", "-10.00"), account.accountNo());
        // a second read within the ttl (1s here) does not ask the broker: it still has the first answer
        assertThat(buyingPower.cash(account).block(TIMEOUT).balance()).isEqualByComparingTo("100.00");

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(
                                buyingPower.cash(account).block(TIMEOUT).balance())
                        .isEqualByComparingTo("90.00"));
    }

    @Test
    void theReconciliationCountsTheUsersWhoseBrokerCashDriftedFromTheLedger() {
        // a broker of this test's own, so that the pass sees these users only
        String broker = "dw-" + UUID.randomUUID().toString().substring(0, 8);
        UUID drifted = UUID.randomUUID();
        accountOf(drifted, "95.00", "100.00");
        UUID inStep = UUID.randomUUID();
        accountOf(inStep, "100.00", "100.00");
        UUID withAPendingWithdrawal = UUID.randomUUID();
        accountOf(withAPendingWithdrawal, "100.00", "100.00");
        for (UUID user : new UUID[] {drifted, inStep, withAPendingWithdrawal}) {
            Brokerage.Account account =
                    brokerAccounts.find(user, Partners.DRIVEWEALTH).block(TIMEOUT);
            brokerAccounts.keep(user, broker, account).block(TIMEOUT);
        }
        // recorded, not yet sent to the broker: the broker still has it
        transactions
                .transactional(withdrawals
                        .insert(
                                UUID.randomUUID(),
                                withAPendingWithdrawal,
                                new BigDecimal("30.00"),
                                Chain.ETHEREUM,
                                ETH,
                                UUID.randomUUID().toString(),
                                "h")
                        .flatMap(withdrawal -> ledger.post(LedgerPosting.withdrawalHeld(withdrawal))))
                .block(TIMEOUT);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BrokerReconciler ofThisTest = new BrokerReconciler(
                brokerAccounts,
                ledgerRepository,
                balances,
                broker,
                new BigDecimal("0.01"),
                new BrokerReconciler.Settings(false, Duration.ofDays(1), 50, 2),
                registry);

        ofThisTest.pass(false).block(TIMEOUT);

        assertThat(registry.get(BrokerReconciler.DRIFT_USERS)
                        .tag("partner", broker)
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(registry.get(BrokerReconciler.DRIFT_USD)
                        .tag("partner", broker)
                        .gauge()
                        .value())
                .isEqualTo(5.0);
        assertThat(registry.get(BrokerReconciler.RECONCILED)
                        .tag("partner", broker)
                        .gauge()
                        .value())
                .isCloseTo(Instant.now().getEpochSecond(), offset(30.0));

        // the service's own reconciler exports the same gauges
        reconciler.pass(false).block(Duration.ofMinutes(2));
        PrometheusScrape scrape = PrometheusScrape.of("http://127.0.0.1:" + port);
        assertThat(scrape.value("stack_funding_broker_drift_users", "partner", Partners.DRIVEWEALTH))
                .isPositive();
        assertThat(scrape.value("stack_funding_broker_drift_usd", "partner", Partners.DRIVEWEALTH))
                .isPositive();
        assertThat(scrape.value("stack_funding_broker_reconciled_seconds", "partner", Partners.DRIVEWEALTH))
                .isCloseTo(Instant.now().getEpochSecond(), offset(120.0));
    }
}
