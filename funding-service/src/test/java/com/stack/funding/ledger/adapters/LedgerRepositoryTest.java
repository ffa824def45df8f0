package com.stack.funding.ledger.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import com.stack.funding.FundingServiceTest;
import com.stack.funding.deposit.domain.Deposit;
import com.stack.funding.deposit.domain.DepositStatus;
import com.stack.funding.deposit.domain.OffRampAmount;
import com.stack.funding.ledger.app.Ledger;
import com.stack.funding.ledger.app.LedgerInvariantCheck;
import com.stack.funding.ledger.app.LedgerStore;
import com.stack.funding.ledger.domain.LedgerAccountKind;
import com.stack.funding.ledger.domain.LedgerAccountRef;
import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.ledger.domain.LedgerTotals;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.withdrawal.domain.Withdrawal;
import com.stack.funding.withdrawal.domain.WithdrawalStatus;
import com.stack.testsupport.PrometheusScrape;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The ledger remembers the ids of accounts it has seen committed, and only those: an account opened (or found
 * opened) by postings whose transaction rolled back does not exist, and the next posting opens it again.
 *
 * <p>The database keeps each user account's balance as entries are posted (the totals read it, not the user's
 * whole history), the invariant check finds a kept balance that drifted from the entries, and a user's
 * concurrent postings that touch the same accounts in opposite orders neither deadlock nor lose an entry. The
 * periodic invariant check publishes what it finds (an unbalanced journal made on purpose shows as one).
 */
class LedgerRepositoryTest extends FundingServiceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerRepository ledgerRepository;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    DatabaseClient db;

    @Autowired
    LedgerInvariantCheck invariantCheck;

    @Test
    void concurrentPostingsInOppositeAccountOrderAllLandAndTheKeptBalancesMatchTheEntries() {
        UUID user = UUID.randomUUID();
        Deposit deposit = deposit(user, "1000.00");
        post(LedgerPosting.depositConfirmedOnChain(deposit));
        post(LedgerPosting.brokerFunded(deposit, OffRampAmount.of(deposit.amountUsdc()), "drivewealth"));
        List<Withdrawal> toRelease =
                IntStream.range(0, 10).mapToObj(i -> withdrawal(user, "7.00")).toList();
        toRelease.forEach(withdrawal -> post(LedgerPosting.withdrawalHeld(withdrawal)));

        // held: buying power, then pending withdrawal; released: pending withdrawal, then buying power
        List<LedgerPosting> concurrent = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            concurrent.add(LedgerPosting.withdrawalHeld(withdrawal(user, "3.00")));
            concurrent.add(LedgerPosting.withdrawalReleased(toRelease.get(i)));
        }
        List<Boolean> posted = Flux.fromIterable(concurrent)
                .flatMap(posting -> transactions.transactional(ledger.post(posting)), concurrent.size())
                .collectList()
                .block(TIMEOUT);

        assertThat(posted).hasSize(20).containsOnly(true);
        LedgerTotals totals = ledgerRepository.totalsForUser(user).block(TIMEOUT);
        // 1000 - 10 x 7 held before + 10 x 7 released - 10 x 3 held now
        assertThat(totals.buyingPower()).isEqualByComparingTo("970.00");
        assertThat(totals.pendingWithdrawals()).isEqualByComparingTo("30.00");
        assertThat(totals.pendingDeposits()).isEqualByComparingTo("0");
        assertThat(totals.lastEntryAt()).isNotNull();
        assertThat(ledgerRepository.checkInvariant().block(TIMEOUT).driftedUserBalances())
                .isZero();
    }

    @Test
    void aKeptBalanceThatDriftedFromTheEntriesBreaksTheInvariant() {
        UUID user = UUID.randomUUID();
        Deposit deposit = deposit(user, "12.50");
        post(LedgerPosting.depositConfirmedOnChain(deposit));
        assertThat(ledgerRepository.checkInvariant().block(TIMEOUT).driftedUserBalances())
                .isZero();

        String drift = "UPDATE ledger_user_balances SET balance = balance + :delta"
                + " WHERE account_id IN (SELECT id FROM ledger_accounts WHERE user_id = :user)";
        db.sql(drift)
                .bind("delta", new BigDecimal("0.000001"))
                .bind("user", user)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        try {
            LedgerStore.Invariant invariant = ledgerRepository.checkInvariant().block(TIMEOUT);
            assertThat(invariant.driftedUserBalances()).isEqualTo(1);
            assertThat(invariant.holds()).isFalse();
        } finally {
            db.sql(drift)
                    .bind("delta", new BigDecimal("-0.000001"))
                    .bind("user", user)
                    .fetch()
                    .rowsUpdated()
                    .block(TIMEOUT);
        }
        assertThat(ledgerRepository.checkInvariant().block(TIMEOUT).driftedUserBalances())
                .isZero();
    }

    @Test
    void anUnbalancedJournalBreaksTheInvariantAndTheCheckShowsItOnThePrometheusEndpoint() {
        invariantCheck.check().block(TIMEOUT);
        PrometheusScrape before = PrometheusScrape.of("http://127.0.0.1:" + port);
        // other tests of this shared database may have left their own findings: this one counts from them
        double unbalanced = before.value("stack_ledger_invariant_violations", "check", "unbalanced");
        assertThat(before.value("stack_ledger_invariant_violations", "check", "negative"))
                .isGreaterThanOrEqualTo(0);
        assertThat(before.value("stack_ledger_invariant_violations", "check", "drifted"))
                .isGreaterThanOrEqualTo(0);
        double checkedAt = before.value("stack_ledger_invariant_checked_timestamp_seconds");
        assertThat(checkedAt).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60.0));

        // a house account of a currency of its own (no user balance, no USD total touched), and a journal with one
        // entry: the balance trigger, off for this transaction only (the table lock keeps others out), lets it in
        UUID account = UUID.randomUUID();
        UUID journal = UUID.randomUUID();
        db.sql("INSERT INTO ledger_accounts (id, user_id, kind, currency) VALUES (:id, NULL, 'omnibus', 'BROKENX')"
                        + " ON CONFLICT DO NOTHING")
                .bind("id", account)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        UUID accountId = db.sql("SELECT id FROM ledger_accounts WHERE kind = 'omnibus' AND currency = 'BROKENX'")
                .map(row -> row.get("id", UUID.class))
                .one()
                .block(TIMEOUT);
        transactions
                .transactional(db.sql("ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_balance")
                        .then()
                        .then(db.sql(
                                        "INSERT INTO ledger_journal (id, kind, reference) VALUES (:id, 'broken_on_purpose', :reference)")
                                .bind("id", journal)
                                .bind("reference", "test:unbalanced:" + journal)
                                .then())
                        .then(entry(journal, accountId, "1"))
                        .then(db.sql("ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_balance")
                                .then()))
                .block(TIMEOUT);
        try {
            invariantCheck.check().block(TIMEOUT);
            PrometheusScrape broken = PrometheusScrape.of("http://127.0.0.1:" + port);
            assertThat(broken.value("stack_ledger_invariant_violations", "check", "unbalanced"))
                    .isEqualTo(unbalanced + 1);
            assertThat(broken.value("stack_ledger_invariant_checked_timestamp_seconds"))
                    .isGreaterThanOrEqualTo(checkedAt);
        } finally {
            // the balancing entry: the journal sums to zero again, which the trigger (on again) checks
            transactions.transactional(entry(journal, accountId, "-1")).block(TIMEOUT);
        }
        invariantCheck.check().block(TIMEOUT);
        assertThat(PrometheusScrape.of("http://127.0.0.1:" + port)
                        .value("stack_ledger_invariant_violations", "check", "unbalanced"))
                .isEqualTo(unbalanced);
    }

    private Mono<Void> entry(UUID journal, UUID account, String amount) {
        return db.sql(
                        "INSERT INTO ledger_entries (journal_id, account_id, amount) VALUES (:journal, :account, :amount)")
                .bind("journal", journal)
                .bind("account", account)
                .bind("amount", new BigDecimal(amount))
                .then();
    }

    @Test
    void anAccountOpenedByARolledBackPostingIsOpenedAgainAndRememberedOnceCommitted() {
        UUID user = UUID.randomUUID();

        // two postings in one transaction: the second finds the account the first opened, uncommitted
        Mono<Boolean> rolledBack = transactions.transactional(ledger.post(funded(user, "10.00"))
                .then(ledger.post(funded(user, "5.00")))
                .then(Mono.error(new IllegalStateException("the change these postings belonged to failed"))));
        assertThat(rolledBack
                        .onErrorResume(IllegalStateException.class, e -> Mono.just(false))
                        .block(TIMEOUT))
                .isFalse();
        assertThat(buyingPower(user)).isEqualByComparingTo("0");

        // opens the user's account again and remembers it once committed; the next postings use what it remembered
        for (String usd : new String[] {"1.00", "2.00", "3.00"}) {
            assertThat(transactions
                            .transactional(ledger.post(funded(user, usd)))
                            .block(TIMEOUT))
                    .isTrue();
        }

        assertThat(buyingPower(user)).isEqualByComparingTo("6.00");
        assertThat(ledgerRepository.remembered(
                        LedgerAccountRef.users(user, LedgerAccountKind.USER_BUYING_POWER, "USD")))
                .isNotNull();
    }

    private BigDecimal buyingPower(UUID user) {
        return ledgerRepository.totalsForUser(user).block(TIMEOUT).buyingPower();
    }

    private static LedgerPosting funded(UUID user, String usd) {
        Deposit deposit = deposit(user, usd);
        return LedgerPosting.brokerFunded(deposit, OffRampAmount.of(deposit.amountUsdc()), "drivewealth");
    }

    private void post(LedgerPosting posting) {
        assertThat(transactions.transactional(ledger.post(posting)).block(TIMEOUT))
                .isTrue();
    }

    private static Deposit deposit(UUID user, String usdc) {
        return new Deposit(
                UUID.randomUUID(),
                user,
                Chain.ETHEREUM,
                "0x" + UUID.randomUUID(),
                new BigDecimal(usdc),
                DepositStatus.BROKER_FUNDED,
                null,
                5,
                Instant.now(),
                Instant.now());
    }

    private static Withdrawal withdrawal(UUID user, String usd) {
        return new Withdrawal(
                UUID.randomUUID(),
                user,
                new BigDecimal(usd),
                Chain.ETHEREUM,
                "0x" + "ab".repeat(20),
                WithdrawalStatus.values()[0],
                null,
                null,
                1,
                Instant.now(),
                Instant.now());
    }
}
