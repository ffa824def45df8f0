package com.stack.funding.partner.adapters.due;

import java.util.UUID;

import com.stack.funding.shared.domain.Chain;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The users' Due virtual accounts in funding's database ({@code due_virtual_accounts}). */
public class DueVirtualAccountRepository implements DueVirtualAccount.Store {

    private static final String COLUMNS = "user_id, chain, virtual_account_id, reference, destination, account_number,"
            + " routing_number, bank_name";

    private final DatabaseClient db;

    public DueVirtualAccountRepository(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<DueVirtualAccount> find(UUID userId, Chain chain) {
        return db.sql("SELECT " + COLUMNS + " FROM due_virtual_accounts WHERE user_id = :user AND chain = :chain")
                .bind("user", userId)
                .bind("chain", chain.column())
                .map(DueVirtualAccountRepository::account)
                .one();
    }

    @Override
    public Mono<DueVirtualAccount> keep(DueVirtualAccount account) {
        var insert = db.sql("INSERT INTO due_virtual_accounts (" + COLUMNS + ") VALUES (:user, :chain, :id, :reference,"
                        + " :destination, :accountNumber, :routingNumber, :bankName) ON CONFLICT DO NOTHING")
                .bind("user", account.userId())
                .bind("chain", account.chain().column())
                .bind("id", account.virtualAccountId())
                .bind("reference", account.reference())
                .bind("destination", account.destination())
                .bind("accountNumber", account.accountNumber())
                .bind("routingNumber", account.routingNumber());
        return (account.bankName() == null
                        ? insert.bindNull("bankName", String.class)
                        : insert.bind("bankName", account.bankName()))
                .fetch()
                .rowsUpdated()
                .then(find(account.userId(), account.chain()));
    }

    private static DueVirtualAccount account(Readable row) {
        return new DueVirtualAccount(
                row.get("user_id", UUID.class),
                Chain.fromColumn(row.get("chain", String.class)),
                row.get("virtual_account_id", String.class),
                row.get("reference", String.class),
                row.get("destination", String.class),
                row.get("account_number", String.class),
                row.get("routing_number", String.class),
                row.get("bank_name", String.class));
    }
}
