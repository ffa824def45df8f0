package com.stack.funding.partner.adapters.due;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The Due recipients funding made, by their bank details ({@code due_recipients}). */
public class DueRecipientRepository implements DueWireRefund.Recipients {

    private final DatabaseClient db;

    public DueRecipientRepository(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<String> find(String routingNumber, String accountNumber) {
        return db.sql(
                        "SELECT recipient_id FROM due_recipients WHERE routing_number = :routing AND account_number = :account")
                .bind("routing", routingNumber)
                .bind("account", accountNumber)
                .map(row -> row.get("recipient_id", String.class))
                .one();
    }

    @Override
    public Mono<String> keep(String routingNumber, String accountNumber, String bankName, String recipientId) {
        var insert = db.sql("INSERT INTO due_recipients (routing_number, account_number, recipient_id, bank_name)"
                        + " VALUES (:routing, :account, :id, :bank) ON CONFLICT DO NOTHING")
                .bind("routing", routingNumber)
                .bind("account", accountNumber)
                .bind("id", recipientId);
        return (bankName == null ? insert.bindNull("bank", String.class) : insert.bind("bank", bankName))
                .fetch()
                .rowsUpdated()
                .then(find(routingNumber, accountNumber));
    }
}
