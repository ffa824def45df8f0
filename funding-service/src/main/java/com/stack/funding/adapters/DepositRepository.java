package com.stack.funding.adapters;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.stack.defaults.graphql.KeysetCursor;
import com.stack.defaults.graphql.KeysetPages;
import com.stack.funding.domain.Chain;
import com.stack.funding.domain.Deposit;
import com.stack.funding.domain.DepositStatus;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class DepositRepository {

    private static final String COLUMNS =
            "id, user_id, chain, tx_hash, amount_stablecoin, status, failure_reason, created_at, updated_at";

    private final DatabaseClient db;

    public DepositRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Up to {@code limit} of the user's deposits, newest first, after the cursor's row when there is one. */
    public Flux<Deposit> findPageForUser(UUID userId, KeysetCursor after, int limit) {
        return KeysetPages.userRows(db, "deposits", COLUMNS, userId, after, limit, DepositRepository::deposit);
    }

    /** The deposit, if it is the user's; empty otherwise. */
    public Mono<Deposit> findForUser(UUID userId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM deposits WHERE id = :id AND user_id = :user")
                .bind("id", id).bind("user", userId)
                .map(DepositRepository::deposit)
                .one();
    }

    private static Deposit deposit(Readable row) {
        return new Deposit(row.get("id", UUID.class), row.get("user_id", UUID.class),
                Chain.fromColumn(row.get("chain", String.class)), row.get("tx_hash", String.class),
                row.get("amount_stablecoin", BigDecimal.class),
                DepositStatus.fromColumn(row.get("status", String.class)), row.get("failure_reason", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }
}
