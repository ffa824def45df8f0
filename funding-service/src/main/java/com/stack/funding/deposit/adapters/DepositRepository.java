package com.stack.funding.deposit.adapters;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.stack.defaults.graphql.KeysetCursor;
import com.stack.defaults.graphql.KeysetPages;
import com.stack.defaults.metrics.SagaMetrics;
import com.stack.funding.deposit.app.DepositStore;
import com.stack.funding.deposit.app.DepositStore.TransactionKey;
import com.stack.funding.deposit.app.DepositStore.Unmoved;
import com.stack.funding.deposit.domain.Deposit;
import com.stack.funding.deposit.domain.DepositStatus;
import com.stack.funding.shared.adapters.Bindings;
import com.stack.funding.shared.domain.Chain;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class DepositRepository implements DepositStore {

    private static final String COLUMNS =
            "id, user_id, chain, tx_hash, amount_stablecoin, status, failure_reason, version, created_at, updated_at";

    private final DatabaseClient db;

    public DepositRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Up to {@code limit} of the user's deposits, newest first, after the cursor's row when there is one. */
    @Override
    public Flux<Deposit> findPageForUser(UUID userId, KeysetCursor after, int limit) {
        return KeysetPages.userRows(db, "deposits", COLUMNS, userId, after, limit, DepositRepository::deposit);
    }

    /** The deposit, if it is the user's; empty otherwise. */
    @Override
    public Mono<Deposit> findForUser(UUID userId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM deposits WHERE id = :id AND user_id = :user")
                .bind("id", id)
                .bind("user", userId)
                .map(DepositRepository::deposit)
                .one();
    }

    /** The deposit of an on-chain transaction ({@code txHash} in its chain's canonical spelling), if there is one. */
    @Override
    public Mono<Deposit> findByTransaction(Chain chain, String txHash) {
        return db.sql("SELECT " + COLUMNS + " FROM deposits WHERE chain = :chain AND tx_hash = :tx")
                .bind("chain", chain.column())
                .bind("tx", txHash)
                .map(DepositRepository::deposit)
                .one();
    }

    /** The status of the deposit of each of {@code keys} that has one, in one statement. */
    @Override
    public Mono<java.util.Map<TransactionKey, DepositStatus>> statusesOf(java.util.Collection<TransactionKey> keys) {
        if (keys.isEmpty()) {
            return Mono.just(java.util.Map.of());
        }
        return db.sql("SELECT d.chain, d.tx_hash, d.status FROM deposits d"
                        + " JOIN unnest(:chains::varchar[], :hashes::varchar[]) AS k(chain, tx_hash)"
                        + " ON d.chain = k.chain AND d.tx_hash = k.tx_hash")
                .bind("chains", keys.stream().map(key -> key.chain().column()).toArray(String[]::new))
                .bind("hashes", keys.stream().map(TransactionKey::txHash).toArray(String[]::new))
                .map(row -> java.util.Map.entry(
                        new TransactionKey(
                                Chain.fromColumn(row.get("chain", String.class)), row.get("tx_hash", String.class)),
                        DepositStatus.fromColumn(row.get("status", String.class))))
                .all()
                .collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue);
    }

    /**
     * Opens a deposit at version 1; empty when its transaction already has one (opened concurrently: the
     * caller reads it and decides again).
     */
    @Override
    public Mono<Deposit> open(
            UUID id,
            UUID userId,
            UUID walletId,
            Chain chain,
            String txHash,
            BigDecimal amount,
            DepositStatus status,
            String partnerTransferId) {
        var insert = db.sql("INSERT INTO deposits (id, user_id, wallet_id, chain, tx_hash, amount_stablecoin, status,"
                        + " confirmed_at, partner_transfer_id, version)"
                        + " VALUES (:id, :user, :wallet, :chain, :tx, :amount, :status,"
                        + " CASE WHEN :status = 'confirmed_on_chain' THEN now() END, :transfer, 1)"
                        + " ON CONFLICT (chain, tx_hash) DO NOTHING RETURNING " + COLUMNS)
                .bind("id", id)
                .bind("user", userId)
                .bind("wallet", walletId)
                .bind("chain", chain.column())
                .bind("tx", txHash)
                .bind("amount", amount)
                .bind("status", status.column());
        return Bindings.nullable(insert, "transfer", partnerTransferId, String.class)
                .map(DepositRepository::deposit)
                .one();
    }

    @Override
    public Mono<Deposit> findById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM deposits WHERE id = :id")
                .bind("id", id)
                .map(DepositRepository::deposit)
                .one();
    }

    /** The deposit, locked for the caller's transaction. */
    @Override
    public Mono<Deposit> findByIdForUpdate(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM deposits WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(DepositRepository::deposit)
                .one();
    }

    /** The deposit whose off-ramp is the ramp partner's payout {@code transferId}, if one is known yet. */
    @Override
    public Mono<Deposit> findByOffRampTransfer(String transferId) {
        return db.sql("SELECT " + COLUMNS + " FROM deposits WHERE off_ramp_transfer_id = :transfer")
                .bind("transfer", transferId)
                .map(DepositRepository::deposit)
                .one();
    }

    /**
     * Moves a confirmed deposit to OFF_RAMP_INITIATED with the ramp partner's payout id, if it is still at
     * {@code expectedVersion}; empty when another change got there first.
     */
    @Override
    public Mono<Deposit> offRampInitiated(UUID id, long expectedVersion, String offRampTransferId) {
        return db.sql("UPDATE deposits SET status = :to, version = version + 1, off_ramp_initiated_at = now(),"
                        + " off_ramp_transfer_id = :transfer"
                        + " WHERE id = :id AND status = :from AND version = :version RETURNING " + COLUMNS)
                .bind("id", id)
                .bind("from", DepositStatus.CONFIRMED_ON_CHAIN.column())
                .bind("to", DepositStatus.OFF_RAMP_INITIATED.column())
                .bind("version", expectedVersion)
                .bind("transfer", offRampTransferId)
                .map(DepositRepository::deposit)
                .one();
    }

    /** The deposit whose broker funding is the broker's transfer {@code transferId}, if one is known yet. */
    @Override
    public Mono<Deposit> findByBrokerTransfer(String transferId) {
        return db.sql("SELECT " + COLUMNS + " FROM deposits WHERE broker_transfer_id = :transfer")
                .bind("transfer", transferId)
                .map(DepositRepository::deposit)
                .one();
    }

    /**
     * Records the broker's transfer id on an off-ramped deposit (the status does not change); empty when the
     * deposit is no longer off-ramp complete or holds another transfer.
     */
    @Override
    public Mono<Deposit> brokerFundingRequested(UUID id, String brokerTransferId) {
        return db.sql("UPDATE deposits SET broker_transfer_id = :transfer,"
                        + " broker_funding_requested_at = COALESCE(broker_funding_requested_at, now())"
                        + " WHERE id = :id AND status = :status"
                        + " AND (broker_transfer_id IS NULL OR broker_transfer_id = :transfer) RETURNING " + COLUMNS)
                .bind("id", id)
                .bind("status", DepositStatus.OFF_RAMP_COMPLETE.column())
                .bind("transfer", brokerTransferId)
                .map(DepositRepository::deposit)
                .one();
    }

    /** Up to {@code limit} unfinished deposits whose last change is older than {@code age}, oldest first. */
    @Override
    public Flux<Unmoved> findUnmovedSince(java.time.Duration age, int limit) {
        return db.sql("SELECT " + COLUMNS + ", off_ramp_transfer_id, broker_transfer_id FROM deposits"
                        + " WHERE status NOT IN ('broker_funded', 'failed')"
                        + " AND updated_at < now() - make_interval(secs => :age) ORDER BY updated_at LIMIT :limit")
                .bind("age", Bindings.seconds(age))
                .bind("limit", limit)
                .map(row -> new Unmoved(
                        deposit(row),
                        row.get("off_ramp_transfer_id", String.class),
                        row.get("broker_transfer_id", String.class)))
                .all();
    }

    /**
     * The unfinished deposits by status: how many have not moved for {@code stuckAfter}, and how long ago the oldest
     * was created (for the saga metrics).
     */
    @Override
    public Mono<java.util.Map<String, SagaMetrics.Open>> openByStatus(java.time.Duration stuckAfter) {
        return Bindings.openByStatus(db.sql("SELECT status,"
                        + " count(*) FILTER (WHERE updated_at < now() - make_interval(secs => :age)) AS stuck,"
                        + " EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS oldest"
                        + " FROM deposits WHERE status NOT IN ('broker_funded', 'failed') GROUP BY status")
                .bind("age", Bindings.seconds(stuckAfter)));
    }

    /**
     * Moves the deposit from {@code from} to {@code to} if it is still at {@code expectedVersion}, and
     * stamps the step's time column; empty when another change got there first (optimistic locking).
     */
    @Override
    public Mono<Deposit> move(
            UUID id, DepositStatus from, DepositStatus to, long expectedVersion, String failureReason) {
        var update = db.sql("UPDATE deposits SET status = :to, version = version + 1,"
                        + " failure_reason = COALESCE(:reason, failure_reason),"
                        + " confirmed_at = CASE WHEN :to = 'confirmed_on_chain' THEN now() ELSE confirmed_at END,"
                        + " off_ramp_initiated_at = CASE WHEN :to = 'off_ramp_initiated' THEN now() ELSE off_ramp_initiated_at END,"
                        + " off_ramp_completed_at = CASE WHEN :to = 'off_ramp_complete' THEN now() ELSE off_ramp_completed_at END,"
                        + " broker_funded_at = CASE WHEN :to = 'broker_funded' THEN now() ELSE broker_funded_at END"
                        + " WHERE id = :id AND status = :from AND version = :version RETURNING " + COLUMNS)
                .bind("id", id)
                .bind("from", from.column())
                .bind("to", to.column())
                .bind("version", expectedVersion);
        return Bindings.nullable(update, "reason", failureReason, String.class)
                .map(DepositRepository::deposit)
                .one();
    }

    private static Deposit deposit(Readable row) {
        return new Deposit(
                row.get("id", UUID.class),
                row.get("user_id", UUID.class),
                Chain.fromColumn(row.get("chain", String.class)),
                row.get("tx_hash", String.class),
                row.get("amount_stablecoin", BigDecimal.class),
                DepositStatus.fromColumn(row.get("status", String.class)),
                row.get("failure_reason", String.class),
                row.get("version", Long.class),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }
}
