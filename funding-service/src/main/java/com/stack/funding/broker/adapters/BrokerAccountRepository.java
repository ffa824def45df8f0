package com.stack.funding.broker.adapters;

import java.util.UUID;

import com.stack.funding.broker.app.BrokerAccounts;
import com.stack.funding.broker.app.BrokerAccounts.UserAccount;
import com.stack.funding.broker.app.Brokerage;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The users' accounts at the broker ({@code broker_accounts}), one per user and broker. */
@Repository
public class BrokerAccountRepository implements BrokerAccounts {

    private final DatabaseClient db;

    public BrokerAccountRepository(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<Brokerage.Account> find(UUID userId, String broker) {
        return db.sql("SELECT account_id, account_no FROM broker_accounts WHERE user_id = :user AND broker = :broker")
                .bind("user", userId)
                .bind("broker", broker)
                .map(row ->
                        new Brokerage.Account(row.get("account_id", String.class), row.get("account_no", String.class)))
                .one();
    }

    /** The broker's accounts of users after {@code afterUser}, by user id, at most {@code limit}. */
    @Override
    public Flux<UserAccount> page(String broker, UUID afterUser, int limit) {
        return db.sql(
                        "SELECT user_id, account_id, account_no FROM broker_accounts WHERE broker = :broker AND user_id > :after"
                                + " ORDER BY user_id LIMIT :limit")
                .bind("broker", broker)
                .bind("after", afterUser)
                .bind("limit", limit)
                .map(row -> new UserAccount(
                        row.get("user_id", UUID.class),
                        new Brokerage.Account(
                                row.get("account_id", String.class), row.get("account_no", String.class))))
                .all();
    }

    /**
     * Keeps the account the broker opened; when one was kept already (two deposits of the user opened it at
     * once, under the same idempotency key, so it is the same account), emits the one kept first.
     */
    @Override
    public Mono<Brokerage.Account> keep(UUID userId, String broker, Brokerage.Account account) {
        return db.sql("INSERT INTO broker_accounts (user_id, broker, account_id, account_no)"
                        + " VALUES (:user, :broker, :id, :no) ON CONFLICT (user_id, broker) DO NOTHING")
                .bind("user", userId)
                .bind("broker", broker)
                .bind("id", account.accountId())
                .bind("no", account.accountNo())
                .fetch()
                .rowsUpdated()
                .then(find(userId, broker));
    }
}
