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
            + " failure_reason, version, created_at, updated_at";

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

    /**
     * Records a PENDING withdrawal at version 1; empty when the user already has one under the idempotency
     * key (the caller reads it and compares the requests).
     */
    public Mono<Withdrawal> insert(UUID id, UUID userId, BigDecimal amountUsd, Chain chain, String address,
            String idempotencyKey, String requestHash) {
        return db.sql("INSERT INTO withdrawals (id, user_id, amount_usd, target_chain, target_address, idempotency_key,"
                        + " request_hash) VALUES (:id, :user, :amount, :chain, :address, :key, :hash)"
                        + " ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING " + COLUMNS)
                .bind("id", id).bind("user", userId).bind("amount", amountUsd).bind("chain", chain.column())
                .bind("address", address).bind("key", idempotencyKey).bind("hash", requestHash)
                .map(WithdrawalRepository::withdrawal).one();
    }

    /** The user's withdrawal under the idempotency key, with the fingerprint of the request that made it. */
    public Mono<Keyed> findByIdempotencyKey(UUID userId, String idempotencyKey) {
        return db.sql("SELECT " + COLUMNS + ", request_hash FROM withdrawals WHERE user_id = :user AND idempotency_key = :key")
                .bind("user", userId).bind("key", idempotencyKey)
                .map(row -> new Keyed(withdrawal(row), row.get("request_hash", String.class)))
                .one();
    }

    public record Keyed(Withdrawal withdrawal, String requestHash) {
    }

    /** What the user withdrew in the last 24 hours, failed withdrawals not counted. */
    public Mono<BigDecimal> totalSince24Hours(UUID userId) {
        return db.sql("SELECT COALESCE(SUM(amount_usd), 0) AS total FROM withdrawals WHERE user_id = :user"
                        + " AND status <> 'failed' AND created_at > now() - interval '24 hours'")
                .bind("user", userId)
                .map(row -> row.get("total", BigDecimal.class)).one();
    }

    public Mono<Withdrawal> findById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM withdrawals WHERE id = :id").bind("id", id)
                .map(WithdrawalRepository::withdrawal).one();
    }

    /** The withdrawal whose broker payout is the broker's transfer {@code transferId}, if one is known yet. */
    public Mono<Withdrawal> findByBrokerTransfer(String transferId) {
        return db.sql("SELECT " + COLUMNS + " FROM withdrawals WHERE broker_withdrawal_ref = :ref").bind("ref", transferId)
                .map(WithdrawalRepository::withdrawal).one();
    }

    /**
     * Moves the withdrawal from {@code from} to {@code to} if it is still at {@code expectedVersion}, recording the
     * broker's transfer id when one is given; empty when another change got there first (optimistic locking).
     */
    public Mono<Withdrawal> move(UUID id, WithdrawalStatus from, WithdrawalStatus to, long expectedVersion,
            String failureReason, String brokerTransferId) {
        var update = db.sql("UPDATE withdrawals SET status = :to, version = version + 1,"
                        + " failure_reason = COALESCE(:reason, failure_reason),"
                        + " broker_withdrawal_ref = COALESCE(:ref, broker_withdrawal_ref)"
                        + " WHERE id = :id AND status = :from AND version = :version RETURNING " + COLUMNS)
                .bind("id", id).bind("from", from.column()).bind("to", to.column()).bind("version", expectedVersion);
        update = Bindings.nullable(update, "reason", failureReason, String.class);
        return Bindings.nullable(update, "ref", brokerTransferId, String.class).map(WithdrawalRepository::withdrawal).one();
    }

    private static Withdrawal withdrawal(Readable row) {
        return new Withdrawal(row.get("id", UUID.class), row.get("user_id", UUID.class),
                row.get("amount_usd", BigDecimal.class), Chain.fromColumn(row.get("target_chain", String.class)),
                row.get("target_address", String.class), WithdrawalStatus.fromColumn(row.get("status", String.class)),
                row.get("tx_hash", String.class), row.get("failure_reason", String.class), row.get("version", Long.class),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }
}
