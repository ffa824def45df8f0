package com.stack.funding.adapters;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.stack.defaults.graphql.KeysetCursor;
import com.stack.defaults.graphql.KeysetPages;
import com.stack.funding.domain.Chain;
import com.stack.funding.domain.Withdrawal;
import com.stack.funding.domain.WithdrawalStatus;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class WithdrawalRepository {

    private static final String COLUMNS = "id, user_id, amount_usd, target_chain, target_address, status, tx_hash,"
            + " failure_reason, created_at, updated_at";

    private final DatabaseClient db;

    public WithdrawalRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Up to {@code limit} of the user's withdrawals, newest first, after the cursor's row when there is one. */
    public Flux<Withdrawal> findPageForUser(UUID userId, KeysetCursor after, int limit) {
        return KeysetPages.userRows(db, "withdrawals", COLUMNS, userId, after, limit, WithdrawalRepository::withdrawal);
    }

    /** The withdrawal, if it is the user's; empty otherwise. */
    public Mono<Withdrawal> findForUser(UUID userId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM withdrawals WHERE id = :id AND user_id = :user")
                .bind("id", id).bind("user", userId)
                .map(WithdrawalRepository::withdrawal)
                .one();
    }

    private static Withdrawal withdrawal(Readable row) {
        return new Withdrawal(row.get("id", UUID.class), row.get("user_id", UUID.class),
                row.get("amount_usd", BigDecimal.class), Chain.fromColumn(row.get("target_chain", String.class)),
                row.get("target_address", String.class), WithdrawalStatus.fromColumn(row.get("status", String.class)),
                row.get("tx_hash", String.class), row.get("failure_reason", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }
}
