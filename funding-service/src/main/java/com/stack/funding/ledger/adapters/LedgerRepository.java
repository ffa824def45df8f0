package com.stack.funding.ledger.adapters;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.stack.contracts.events.EventIds;
import com.stack.defaults.transactions.AfterCommit;
import com.stack.funding.ledger.app.LedgerStore;
import com.stack.funding.ledger.app.LedgerStore.Invariant;
import com.stack.funding.ledger.domain.LedgerAccountKind;
import com.stack.funding.ledger.domain.LedgerAccountRef;
import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.ledger.domain.LedgerTotals;
import com.stack.funding.shared.adapters.Bindings;
import com.stack.funding.withdrawal.domain.WithdrawalStatus;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.NoTransactionException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class LedgerRepository implements LedgerStore {

    private static final String USD = "USD";

    /** Ids of committed accounts remembered, at most (then forgotten all at once and learnt again). */
    private static final int KNOWN_ACCOUNTS = 100_000;

    private final DatabaseClient db;
    private final Map<LedgerAccountRef, UUID> accountIds = new ConcurrentHashMap<>();

    public LedgerRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The balances of the user's USD accounts by kind, in one query over the balances the database keeps per
     * user account ({@code ledger_user_balances}, one row per account, never a walk through the user's
     * entries). An aggregate without GROUP BY always yields one row, so a user without entries gets zeros
     * and no last entry.
     */
    @Override
    public Mono<LedgerTotals> totalsForUser(UUID userId) {
        return db.sql("""
                        SELECT COALESCE(SUM(b.balance) FILTER (WHERE a.kind = :buyingPower), 0)        AS buying_power,
                               COALESCE(SUM(b.balance) FILTER (WHERE a.kind = :pendingDeposit), 0)     AS pending_deposits,
                               COALESCE(SUM(b.balance) FILTER (WHERE a.kind = :pendingWithdrawal), 0)  AS pending_withdrawals,
                               MAX(b.last_entry_at)                                                    AS last_entry_at
                        FROM ledger_accounts a
                        JOIN ledger_user_balances b ON b.account_id = a.id
                        WHERE a.user_id = :user AND a.currency = :currency""")
                .bind("buyingPower", LedgerAccountKind.USER_BUYING_POWER.column())
                .bind("pendingDeposit", LedgerAccountKind.USER_PENDING_DEPOSIT.column())
                .bind("pendingWithdrawal", LedgerAccountKind.USER_PENDING_WITHDRAWAL.column())
                .bind("user", userId)
                .bind("currency", USD)
                .map(row -> {
                    OffsetDateTime last = row.get("last_entry_at", OffsetDateTime.class);
                    return new LedgerTotals(
                            row.get("buying_power", BigDecimal.class),
                            row.get("pending_deposits", BigDecimal.class),
                            row.get("pending_withdrawals", BigDecimal.class),
                            last == null ? null : last.toInstant());
                })
                .one();
    }

    /**
     * What the ledger says the user's broker account holds in cash: the buying power, what is held for orders (the
     * broker's cash until they fill) and the withdrawals recorded but not yet sent to the broker (still PENDING:
     * from the broker withdrawal on, the broker has paid them out).
     */
    @Override
    public Mono<BigDecimal> cashAtBroker(UUID userId) {
        return db.sql("""
                        SELECT COALESCE((SELECT SUM(b.balance) FROM ledger_accounts a
                                         JOIN ledger_user_balances b ON b.account_id = a.id
                                         WHERE a.user_id = :user AND a.currency = :currency
                                           AND a.kind IN (:buyingPower, :pendingOrder)), 0)
                             + COALESCE((SELECT SUM(w.amount_usd) FROM withdrawals w
                                         WHERE w.user_id = :user AND w.status = :pending), 0) AS cash""")
                .bind("user", userId)
                .bind("currency", USD)
                .bind("buyingPower", LedgerAccountKind.USER_BUYING_POWER.column())
                .bind("pendingOrder", LedgerAccountKind.USER_PENDING_ORDER.column())
                .bind("pending", WithdrawalStatus.PENDING.column())
                .map(row -> row.get("cash", BigDecimal.class))
                .one();
    }

    /**
     * Opens the posting's journal; emits its id, or nothing when a journal with the same reference was
     * posted before (each business event is posted once). Must run inside the transaction of the change it
     * records, followed by {@link #postEntries} (the database checks the balance at commit).
     */
    @Override
    public Mono<UUID> openJournal(LedgerPosting posting) {
        UUID journal = EventIds.next();
        return db.sql("INSERT INTO ledger_journal (id, kind, reference) VALUES (:id, :kind, :reference)"
                        + " ON CONFLICT (reference) DO NOTHING")
                .bind("id", journal)
                .bind("kind", posting.kind())
                .bind("reference", posting.reference())
                .fetch()
                .rowsUpdated()
                .filter(inserted -> inserted > 0)
                .map(inserted -> journal);
    }

    /**
     * Posts the posting's entries in the journal {@link #openJournal} opened, opening their accounts on first
     * use. The entries of a user's accounts change those accounts' balance rows, which stay locked until the
     * transaction ends: lock the user first ({@link #bumpBalanceVersion}), as every posting for the user does.
     */
    @Override
    public Mono<Void> postEntries(UUID journal, LedgerPosting posting) {
        return Flux.fromIterable(posting.entries())
                .concatMap(entry -> accountId(entry.account()))
                .collectList()
                .flatMap(accounts -> insertEntries(journal, accounts, posting))
                .then();
    }

    /** The journal's entries, in one statement: {@code accounts} holds each entry's account id, in order. */
    private Mono<Long> insertEntries(UUID journal, List<UUID> accounts, LedgerPosting posting) {
        return db.sql("INSERT INTO ledger_entries (journal_id, account_id, amount)"
                        + " SELECT :journal, e.account_id, e.amount FROM unnest(:accounts::uuid[], :amounts::numeric[])"
                        + " AS e(account_id, amount)")
                .bind("journal", journal)
                .bind("accounts", accounts.toArray(UUID[]::new))
                .bind(
                        "amounts",
                        posting.entries().stream()
                                .map(LedgerPosting.Entry::amount)
                                .toArray(BigDecimal[]::new))
                .fetch()
                .rowsUpdated()
                // an account remembered but gone (a restored database): learn them all again
                .doOnError(DataIntegrityViolationException.class, e -> accountIds.clear());
    }

    /**
     * The account's id, opening it if needed. Two statements, not one: after waiting on a concurrent
     * insert of the same account, only a new statement sees the row the other transaction committed.
     *
     * <p>Accounts are never changed or deleted, so an id is remembered once the transaction that used it has
     * committed (then the account exists for good), and every later posting skips both statements per entry.
     * Not before: an account this transaction opened, or found opened earlier in the same transaction, goes
     * away if the transaction rolls back.
     */
    private Mono<UUID> accountId(LedgerAccountRef account) {
        UUID known = accountIds.get(account);
        if (known != null) {
            return Mono.just(known);
        }
        var insert = db.sql("INSERT INTO ledger_accounts (id, user_id, kind, currency, partner)"
                        + " VALUES (:id, :user, :kind, :currency, :partner) ON CONFLICT DO NOTHING")
                .bind("id", EventIds.next())
                .bind("kind", account.kind().column())
                .bind("currency", account.currency());
        var select = db.sql("SELECT id FROM ledger_accounts WHERE user_id IS NOT DISTINCT FROM :user AND kind = :kind"
                        + " AND currency = :currency AND partner IS NOT DISTINCT FROM :partner")
                .bind("kind", account.kind().column())
                .bind("currency", account.currency());
        insert = Bindings.nullable(
                Bindings.nullable(insert, "user", account.userId(), UUID.class),
                "partner",
                account.partner(),
                String.class);
        select = Bindings.nullable(
                Bindings.nullable(select, "user", account.userId(), UUID.class),
                "partner",
                account.partner(),
                String.class);
        return insert.fetch()
                .rowsUpdated()
                .then(select.map(row -> row.get("id", UUID.class)).one())
                .flatMap(id -> rememberAfterCommit(account, id).thenReturn(id));
    }

    private Mono<Void> rememberAfterCommit(LedgerAccountRef account, UUID id) {
        return AfterCommit.run(() -> remember(account, id))
                // outside a transaction nothing is remembered
                .onErrorResume(NoTransactionException.class, e -> Mono.empty());
    }

    /** The account id remembered for {@code account}, if any (for tests). */
    UUID remembered(LedgerAccountRef account) {
        return accountIds.get(account);
    }

    private void remember(LedgerAccountRef account, UUID id) {
        if (accountIds.size() >= KNOWN_ACCOUNTS) {
            accountIds.clear();
        }
        accountIds.put(account, id);
    }

    /**
     * Bumps the user's balance version inside the caller's transaction and emits the new one. The row stays
     * locked until the transaction ends, so one user's postings are serialized.
     */
    @Override
    public Mono<Long> bumpBalanceVersion(UUID userId) {
        return db.sql(
                        "INSERT INTO balance_versions (user_id, version) VALUES (:user, 1)"
                                + " ON CONFLICT (user_id) DO UPDATE SET version = balance_versions.version + 1 RETURNING version")
                .bind("user", userId)
                .map(row -> row.get("version", Long.class))
                .one();
    }

    /**
     * The ledger's invariant over every entry: each journal sums to zero in each currency (so all entries
     * do), no user account is negative, and every user account's kept balance is the sum of its entries (an
     * account with entries and no balance row, or a row that differs, drifted). A full scan: for the health
     * check and tests, not request paths.
     */
    @Override
    public Mono<Invariant> checkInvariant() {
        return db.sql("""
                        SELECT (SELECT count(*) FROM (SELECT e.journal_id FROM ledger_entries e
                                    JOIN ledger_accounts a ON a.id = e.account_id
                                    GROUP BY e.journal_id, a.currency HAVING SUM(e.amount) <> 0) j) AS unbalanced,
                               (SELECT count(*) FROM (SELECT a.id FROM ledger_accounts a JOIN ledger_entries e ON e.account_id = a.id
                                    WHERE a.user_id IS NOT NULL GROUP BY a.id HAVING SUM(e.amount) < 0) n) AS negative,
                               (SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entries e
                                    JOIN ledger_accounts a ON a.id = e.account_id WHERE a.currency = :currency) AS total,
                               (SELECT count(*) FROM (SELECT a.id, SUM(e.amount) AS total FROM ledger_accounts a
                                    JOIN ledger_entries e ON e.account_id = a.id WHERE a.user_id IS NOT NULL GROUP BY a.id) s
                                    FULL JOIN ledger_user_balances b ON b.account_id = s.id
                                    WHERE s.total IS DISTINCT FROM b.balance) AS drifted""")
                .bind("currency", USD)
                .map(row -> new Invariant(
                        row.get("unbalanced", Long.class),
                        row.get("negative", Long.class),
                        row.get("total", BigDecimal.class),
                        row.get("drifted", Long.class)))
                .one();
    }
}
