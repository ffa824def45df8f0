package com.stack.systemtests;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Test-only rows a user owns in each service, written straight into that service's database through
 * its own R2DBC client, for the flows that have no mutation yet (deposits, withdrawals, ledger
 * postings, orders, positions, summaries, notifications). Blocking: this is test code.
 */
final class OwnedRows {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final StackSuite suite;

    OwnedRows(StackSuite suite) {
        this.suite = suite;
    }

    private DatabaseClient db(String service) {
        return suite.service(service).getBean(DatabaseClient.class);
    }

    UUID wallet(UUID userId, String address) {
        UUID id = UUID.randomUUID();
        db("wallet")
                .sql("INSERT INTO wallets (id, user_id, chain, address, circle_wallet_id, status)"
                        + " VALUES (:id, :user, 'ethereum', :address, :circle, 'active')")
                .bind("id", id)
                .bind("user", userId)
                .bind("address", address)
                .bind("circle", "circle-" + id)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        return id;
    }

    UUID deposit(UUID userId, String amountUsdc) {
        UUID id = UUID.randomUUID();
        db("funding")
                .sql("INSERT INTO deposits (id, user_id, wallet_id, chain, tx_hash, amount_stablecoin, status)"
                        + " VALUES (:id, :user, :wallet, 'ethereum', :tx, :amount, 'broker_funded')")
                .bind("id", id)
                .bind("user", userId)
                .bind("wallet", UUID.randomUUID())
                .bind("tx", "0x" + id.toString().replace("-", ""))
                .bind("amount", new BigDecimal(amountUsdc))
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        return id;
    }

    UUID withdrawal(UUID userId, String amountUsd, String address) {
        UUID id = UUID.randomUUID();
        db("funding")
                .sql(
                        "INSERT INTO withdrawals (id, user_id, amount_usd, target_chain, target_address, status,"
                                + " idempotency_key, request_hash) VALUES (:id, :user, :amount, 'ethereum', :address, 'pending', :key, :hash)")
                .bind("id", id)
                .bind("user", userId)
                .bind("amount", new BigDecimal(amountUsd))
                .bind("address", address)
                .bind("key", "key-" + id)
                .bind("hash", "0".repeat(64))
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        return id;
    }

    /** Credits the user's buying power from the partner clearing account, in one balanced journal. */
    void buyingPower(UUID userId, String amountUsd) {
        DatabaseClient funding = db("funding");
        UUID account = UUID.randomUUID();
        funding.sql(
                        "INSERT INTO ledger_accounts (id, user_id, kind, currency) VALUES (:id, :user, 'user_buying_power', 'USD')")
                .bind("id", account)
                .bind("user", userId)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        funding.sql(
                        "INSERT INTO ledger_accounts (id, user_id, kind, currency) VALUES (:id, NULL, 'partner_clearing', 'USD')"
                                + " ON CONFLICT DO NOTHING")
                .bind("id", UUID.randomUUID())
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        // the clearing account of no partner (the sagas' are per partner: circle, drivewealth, ...)
        UUID clearing = funding.sql("SELECT id FROM ledger_accounts WHERE user_id IS NULL AND kind = 'partner_clearing'"
                        + " AND currency = 'USD' AND partner IS NULL")
                .map(row -> row.get("id", UUID.class))
                .one()
                .block(TIMEOUT);
        UUID journal = UUID.randomUUID();
        funding.sql("INSERT INTO ledger_journal (id, kind, reference) VALUES (:id, 'test', :reference)")
                .bind("id", journal)
                .bind("reference", "test-funded-" + journal)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        funding.sql("INSERT INTO ledger_entries (journal_id, account_id, amount)"
                        + " VALUES (:journal, :credit, :amount), (:journal, :debit, -(:amount))")
                .bind("journal", journal)
                .bind("credit", account)
                .bind("debit", clearing)
                .bind("amount", new BigDecimal(amountUsd))
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
    }

    UUID order(UUID userId, String symbol, String amountUsd) {
        UUID id = UUID.randomUUID();
        db("investing")
                .sql("INSERT INTO orders (id, user_id, asset_type, symbol, side, amount_usd, status, idempotency_key)"
                        + " VALUES (:id, :user, 'stock', :symbol, 'buy', :amount, 'filled', :key)")
                .bind("id", id)
                .bind("user", userId)
                .bind("symbol", symbol)
                .bind("amount", new BigDecimal(amountUsd))
                .bind("key", "key-" + id)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        return id;
    }

    void position(UUID userId, String symbol, String marketValue, String cashUsd) {
        DatabaseClient investing = db("investing");
        // one share bought at marketValue (the portfolio values it at the market's price), and the buying power
        // funding would have announced
        investing
                .sql("INSERT INTO positions (user_id, symbol, asset_type, quantity, cost_basis_usd, realized_pnl_usd)"
                        + " VALUES (:user, :symbol, 'stock', 1, :value, 0)")
                .bind("user", userId)
                .bind("symbol", symbol)
                .bind("value", new BigDecimal(marketValue))
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        investing
                .sql(
                        "INSERT INTO buying_power (user_id, buying_power_usd, version, changed_at) VALUES (:user, :cash, 1, now())")
                .bind("user", userId)
                .bind("cash", new BigDecimal(cashUsd))
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
    }

    UUID summary(UUID userId, String markdown) {
        UUID id = UUID.randomUUID();
        db("aicfo")
                .sql("INSERT INTO ai_summaries (id, user_id, week_start_date, summary_markdown)"
                        + " VALUES (:id, :user, :week, :markdown)")
                .bind("id", id)
                .bind("user", userId)
                .bind("week", LocalDate.of(2026, 11, 16))
                .bind("markdown", markdown)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        return id;
    }

    /** An unread notification; the user must have signed up (notifications belong to a user row). */
    UUID notification(UUID userId, String title) {
        UUID id = UUID.randomUUID();
        db("onboarding")
                .sql(
                        "INSERT INTO notifications (id, user_id, kind, title, body) VALUES (:id, :user, 'test', :title, 'body')")
                .bind("id", id)
                .bind("user", userId)
                .bind("title", title)
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        return id;
    }

    boolean notificationRead(UUID id) {
        return Boolean.TRUE.equals(db("onboarding")
                .sql("SELECT read FROM notifications WHERE id = :id")
                .bind("id", id)
                .map(row -> row.get("read", Boolean.class))
                .one()
                .block(TIMEOUT));
    }
}
