package com.stack.funding.withdrawal.adapters;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.stack.defaults.graphql.KeysetCursor;
import com.stack.defaults.graphql.KeysetPages;
import com.stack.defaults.metrics.SagaMetrics;
import com.stack.funding.shared.adapters.Bindings;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.withdrawal.app.WithdrawalStore;
import com.stack.funding.withdrawal.app.WithdrawalStore.Created;
import com.stack.funding.withdrawal.app.WithdrawalStore.Keyed;
import com.stack.funding.withdrawal.domain.Withdrawal;
import com.stack.funding.withdrawal.domain.WithdrawalLegs;
import com.stack.funding.withdrawal.domain.WithdrawalStatus;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class WithdrawalRepository implements WithdrawalStore {

    private static final String COLUMNS = "id, user_id, amount_usd, target_chain, target_address, status, tx_hash,"
            + " failure_reason, version, created_at, updated_at";

    private final DatabaseClient db;

    public WithdrawalRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Up to {@code limit} of the user's withdrawals, newest first, after the cursor's row when there is one. */
    @Override
    public Flux<Withdrawal> findPageForUser(UUID userId, KeysetCursor after, int limit) {
        return KeysetPages.userRows(db, "withdrawals", COLUMNS, userId, after, limit, WithdrawalRepository::withdrawal);
    }

    /** The withdrawal, if it is the user's; empty otherwise. */
    @Override
    public Mono<Withdrawal> findForUser(UUID userId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM withdrawals WHERE id = :id AND user_id = :user")
                .bind("id", id)
                .bind("user", userId)
                .map(WithdrawalRepository::withdrawal)
                .one();
    }

    /**
     * Records a PENDING withdrawal at version 1; empty when the user already has one under the idempotency
     * key (the caller reads it and compares the requests).
     */
    @Override
    public Mono<Withdrawal> insert(
            UUID id,
            UUID userId,
            BigDecimal amountUsd,
            Chain chain,
            String address,
            String idempotencyKey,
            String requestHash) {
        return db.sql("INSERT INTO withdrawals (id, user_id, amount_usd, target_chain, target_address, idempotency_key,"
                        + " request_hash) VALUES (:id, :user, :amount, :chain, :address, :key, :hash)"
                        + " ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING " + COLUMNS)
                .bind("id", id)
                .bind("user", userId)
                .bind("amount", amountUsd)
                .bind("chain", chain.column())
                .bind("address", address)
                .bind("key", idempotencyKey)
                .bind("hash", requestHash)
                .map(WithdrawalRepository::withdrawal)
                .one();
    }

    /** The user's withdrawal under the idempotency key, with the fingerprint of the request that made it. */
    @Override
    public Mono<Keyed> findByIdempotencyKey(UUID userId, String idempotencyKey) {
        return db.sql("SELECT " + COLUMNS
                        + ", request_hash FROM withdrawals WHERE user_id = :user AND idempotency_key = :key")
                .bind("user", userId)
                .bind("key", idempotencyKey)
                .map(row -> new Keyed(withdrawal(row), row.get("request_hash", String.class)))
                .one();
    }

    /** How many withdrawals the user created within {@code window}, failed ones too, and when the oldest of them was. */
    @Override
    public Mono<Created> createdWithin(UUID userId, java.time.Duration window) {
        return db.sql("SELECT count(*) AS n, min(created_at) AS oldest FROM withdrawals WHERE user_id = :user"
                        + " AND created_at > now() - make_interval(secs => :window)")
                .bind("user", userId)
                .bind("window", Bindings.seconds(window))
                .map(row -> {
                    java.time.OffsetDateTime oldest = row.get("oldest", java.time.OffsetDateTime.class);
                    return new Created(row.get("n", Long.class), oldest == null ? null : oldest.toInstant());
                })
                .one();
    }

    /** What the user withdrew in the last 24 hours, failed withdrawals not counted. */
    @Override
    public Mono<BigDecimal> totalSince24Hours(UUID userId) {
        return db.sql("SELECT COALESCE(SUM(amount_usd), 0) AS total FROM withdrawals WHERE user_id = :user"
                        + " AND status <> 'failed' AND created_at > now() - interval '24 hours'")
                .bind("user", userId)
                .map(row -> row.get("total", BigDecimal.class))
                .one();
    }

    @Override
    public Mono<Withdrawal> findById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM withdrawals WHERE id = :id")
                .bind("id", id)
                .map(WithdrawalRepository::withdrawal)
                .one();
    }

    /** The withdrawal whose broker payout is the broker's transfer {@code transferId}, if one is known yet. */
    @Override
    public Mono<Withdrawal> findByBrokerTransfer(String transferId) {
        return db.sql("SELECT " + COLUMNS + " FROM withdrawals WHERE broker_withdrawal_ref = :ref")
                .bind("ref", transferId)
                .map(WithdrawalRepository::withdrawal)
                .one();
    }

    /**
     * Moves the withdrawal from {@code from} to {@code to} if it is still at {@code expectedVersion}, recording the
     * broker's transfer id when one is given; empty when another change got there first (optimistic locking).
     */
    @Override
    public Mono<Withdrawal> move(
            UUID id,
            WithdrawalStatus from,
            WithdrawalStatus to,
            long expectedVersion,
            String failureReason,
            String brokerTransferId) {
        var update = db.sql("UPDATE withdrawals SET status = :to, version = version + 1,"
                        + " failure_reason = COALESCE(:reason, failure_reason),"
                        + " broker_withdrawal_ref = COALESCE(:ref, broker_withdrawal_ref)"
                        + " WHERE id = :id AND status = :from AND version = :version RETURNING " + COLUMNS)
                .bind("id", id)
                .bind("from", from.column())
                .bind("to", to.column())
                .bind("version", expectedVersion);
        update = Bindings.nullable(update, "reason", failureReason, String.class);
        return Bindings.nullable(update, "ref", brokerTransferId, String.class)
                .map(WithdrawalRepository::withdrawal)
                .one();
    }

    private static final String LEG_COLUMNS =
            COLUMNS + ", broker_withdrawal_ref, circle_on_ramp_ref, circle_transfer_ref,"
                    + " transfer_attempt, compensation, compensation_done, broker_refund_ref";

    /** The withdrawal with its partner legs. */
    @Override
    public Mono<WithdrawalLegs> legs(UUID id) {
        return legsWhere("id = :value", id);
    }

    /** The withdrawal whose on-ramp is the ramp partner's transfer {@code transferId}. */
    @Override
    public Mono<WithdrawalLegs> findByOnRampTransfer(String transferId) {
        return legsWhere("circle_on_ramp_ref = :value", transferId);
    }

    /** The withdrawal whose current on-chain transfer is the custody partner's transaction {@code transactionId}. */
    @Override
    public Mono<WithdrawalLegs> findByChainTransaction(String transactionId) {
        return legsWhere("circle_transfer_ref = :value", transactionId);
    }

    /** The withdrawal whose compensation is the broker's credit {@code transferId}. */
    @Override
    public Mono<WithdrawalLegs> findByBrokerRefund(String transferId) {
        return legsWhere("broker_refund_ref = :value", transferId);
    }

    private Mono<WithdrawalLegs> legsWhere(String condition, Object value) {
        return db.sql("SELECT " + LEG_COLUMNS + " FROM withdrawals WHERE " + condition)
                .bind("value", value)
                .map((Readable row) -> legs(row))
                .one();
    }

    private static final String UNFINISHED = "(status NOT IN ('complete', 'failed')"
            + " OR compensation IS NOT NULL AND NOT compensation_done) AND updated_at < now() - make_interval(secs => :after)";

    /**
     * Withdrawals unmoved for {@code stuckAfter} that are not finished: a step still running, or a compensation
     * still open. Oldest first.
     */
    @Override
    public Flux<WithdrawalLegs> findUnmovedSince(java.time.Duration stuckAfter, int limit) {
        return db.sql("SELECT " + LEG_COLUMNS + " FROM withdrawals WHERE " + UNFINISHED
                        + " ORDER BY updated_at LIMIT :limit")
                .bind("after", Bindings.seconds(stuckAfter))
                .bind("limit", limit)
                .map((Readable row) -> legs(row))
                .all();
    }

    /**
     * The unfinished withdrawals by status ({@code compensating} for failed ones whose compensation is open): how many
     * have not moved for {@code stuckAfter}, and how long ago the oldest was created (for the saga metrics).
     */
    @Override
    public Mono<java.util.Map<String, SagaMetrics.Open>> openByStatus(java.time.Duration stuckAfter) {
        return Bindings.openByStatus(db.sql("SELECT CASE WHEN status = 'failed' THEN 'compensating' ELSE status END"
                        + " AS status, count(*) FILTER (WHERE updated_at < now() - make_interval(secs => :after)) AS stuck,"
                        + " EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS oldest"
                        + " FROM withdrawals WHERE status NOT IN ('complete', 'failed')"
                        + " OR compensation IS NOT NULL AND NOT compensation_done GROUP BY 1")
                .bind("after", Bindings.seconds(stuckAfter)));
    }

    /** BROKER_WITHDRAWAL_COMPLETE -> ON_RAMP_INITIATED with the ramp partner's transfer id, from the version read. */
    @Override
    public Mono<Withdrawal> onRampInitiated(UUID id, long expectedVersion, String onRampTransferId) {
        return db.sql(
                        "UPDATE withdrawals SET status = 'on_ramp_initiated', version = version + 1, circle_on_ramp_ref = :ref"
                                + " WHERE id = :id AND status = 'broker_withdrawal_complete' AND version = :version RETURNING "
                                + COLUMNS)
                .bind("id", id)
                .bind("version", expectedVersion)
                .bind("ref", onRampTransferId)
                .map(WithdrawalRepository::withdrawal)
                .one();
    }

    /**
     * -> TRANSFER_INITIATED (from ON_RAMP_COMPLETE for the first attempt, or staying TRANSFER_INITIATED for a
     * later one) with the custody partner's transaction id, from the version read.
     */
    @Override
    public Mono<Withdrawal> transferInitiated(
            UUID id, WithdrawalStatus from, long expectedVersion, String transactionId) {
        return db.sql(
                        "UPDATE withdrawals SET status = 'transfer_initiated', version = version + 1, circle_transfer_ref = :ref"
                                + " WHERE id = :id AND status = :from AND version = :version AND circle_transfer_ref IS NULL"
                                + " RETURNING " + COLUMNS)
                .bind("id", id)
                .bind("from", from.column())
                .bind("version", expectedVersion)
                .bind("ref", transactionId)
                .map(WithdrawalRepository::withdrawal)
                .one();
    }

    /**
     * The current attempt's transaction failed: the next attempt is {@code nextAttempt}, with no transaction yet
     * (the failure is noted on the command, not as the withdrawal's failure reason: it has not failed).
     */
    @Override
    public Mono<Withdrawal> transferAgain(UUID id, long expectedVersion, int nextAttempt) {
        return db.sql(
                        "UPDATE withdrawals SET version = version + 1, transfer_attempt = :attempt, circle_transfer_ref = NULL"
                                + " WHERE id = :id AND status = 'transfer_initiated' AND version = :version RETURNING "
                                + COLUMNS)
                .bind("id", id)
                .bind("version", expectedVersion)
                .bind("attempt", nextAttempt)
                .map(WithdrawalRepository::withdrawal)
                .one();
    }

    /** TRANSFER_INITIATED -> COMPLETE with the chain's transaction hash. */
    @Override
    public Mono<Withdrawal> completed(UUID id, long expectedVersion, String txHash) {
        return db.sql("UPDATE withdrawals SET status = 'complete', version = version + 1, tx_hash = :hash"
                        + " WHERE id = :id AND status = 'transfer_initiated' AND version = :version RETURNING "
                        + COLUMNS)
                .bind("id", id)
                .bind("version", expectedVersion)
                .bind("hash", txHash)
                .map(WithdrawalRepository::withdrawal)
                .one();
    }

    /**
     * -> FAILED with the reason and the compensation that undoes what moved ({@code done} when the failing change
     * itself completes it, as parking does).
     */
    @Override
    public Mono<Withdrawal> failed(
            UUID id,
            WithdrawalStatus from,
            long expectedVersion,
            String reason,
            WithdrawalLegs.Compensation compensation,
            boolean done) {
        return db.sql("UPDATE withdrawals SET status = 'failed', version = version + 1, failure_reason = :reason,"
                        + " compensation = :compensation, compensation_done = :done"
                        + " WHERE id = :id AND status = :from AND version = :version RETURNING " + COLUMNS)
                .bind("id", id)
                .bind("from", from.column())
                .bind("version", expectedVersion)
                .bind("reason", reason)
                .bind("compensation", compensation.column())
                .bind("done", done)
                .map(WithdrawalRepository::withdrawal)
                .one();
    }

    /** Records the broker's credit that refunds the withdrawal (the first one recorded stays). */
    @Override
    public Mono<Void> brokerRefundRequested(UUID id, String transferId) {
        return db.sql("UPDATE withdrawals SET broker_refund_ref = COALESCE(broker_refund_ref, :ref)"
                        + " WHERE id = :id AND compensation = 'broker_refund'")
                .bind("id", id)
                .bind("ref", transferId)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Marks the compensation finished; false if it already was (a repeated report). */
    @Override
    public Mono<Boolean> compensationDone(UUID id) {
        return db.sql("UPDATE withdrawals SET compensation_done = true WHERE id = :id AND compensation IS NOT NULL"
                        + " AND NOT compensation_done")
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    private static WithdrawalLegs legs(Readable row) {
        return new WithdrawalLegs(
                withdrawal(row),
                row.get("broker_withdrawal_ref", String.class),
                row.get("circle_on_ramp_ref", String.class),
                row.get("circle_transfer_ref", String.class),
                row.get("transfer_attempt", Integer.class),
                WithdrawalLegs.Compensation.fromColumn(row.get("compensation", String.class)),
                Boolean.TRUE.equals(row.get("compensation_done", Boolean.class)),
                row.get("broker_refund_ref", String.class));
    }

    private static Withdrawal withdrawal(Readable row) {
        return new Withdrawal(
                row.get("id", UUID.class),
                row.get("user_id", UUID.class),
                row.get("amount_usd", BigDecimal.class),
                Chain.fromColumn(row.get("target_chain", String.class)),
                row.get("target_address", String.class),
                WithdrawalStatus.fromColumn(row.get("status", String.class)),
                row.get("tx_hash", String.class),
                row.get("failure_reason", String.class),
                row.get("version", Long.class),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }
}
