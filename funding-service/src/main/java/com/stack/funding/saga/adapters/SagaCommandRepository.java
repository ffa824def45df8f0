package com.stack.funding.saga.adapters;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import com.stack.contracts.events.EventIds;
import com.stack.funding.saga.app.SagaCommandStore;
import com.stack.funding.saga.app.SagaCommandStore.Command;
import com.stack.funding.saga.app.SagaCommandStore.StateCount;
import com.stack.funding.shared.adapters.Bindings;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The saga command outbox ({@code saga_commands}). Commands are recorded inside the transaction of the
 * state change that calls for them; a runner claims due ones with a lease ({@code FOR UPDATE SKIP LOCKED}),
 * and finishes each under a row lock that checks it is still unfinished, so a lapsed lease never lets a
 * command's effect be recorded twice.
 */
@Repository
public class SagaCommandRepository implements SagaCommandStore {

    private final DatabaseClient db;

    public SagaCommandRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Records the command in the caller's transaction; false when the saga had recorded it before. */
    @Override
    public Mono<Boolean> record(String sagaType, UUID sagaId, String command, String idempotencyKey) {
        return db.sql("INSERT INTO saga_commands (id, saga_type, saga_id, command, idempotency_key)"
                        + " VALUES (:id, :type, :saga, :command, :key) ON CONFLICT (saga_id, command) DO NOTHING")
                .bind("id", EventIds.next())
                .bind("type", sagaType)
                .bind("saga", sagaId)
                .bind("command", command)
                .bind("key", idempotencyKey)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Claims up to {@code limit} due commands among {@code commands}, oldest first, for {@code lease}. */
    @Override
    public Mono<List<Command>> claim(Collection<String> commands, int limit, Duration lease) {
        return db.sql(
                        "UPDATE saga_commands s SET state = 'in_flight', attempts = s.attempts + 1,"
                                + " claimed_until = now() + make_interval(secs => :lease)"
                                + " WHERE s.id IN (SELECT c.id FROM saga_commands c WHERE c.command IN (:commands)"
                                + " AND ((c.state = 'pending' AND c.next_attempt_at <= now())"
                                + " OR (c.state = 'in_flight' AND c.claimed_until < now()))"
                                + " ORDER BY c.created_at, c.id LIMIT :limit FOR UPDATE SKIP LOCKED)"
                                + " RETURNING s.id, s.saga_type, s.saga_id, s.command, s.idempotency_key, s.attempts, s.created_at")
                .bind("lease", Bindings.seconds(lease))
                .bind("limit", limit)
                .bind("commands", List.copyOf(commands))
                .map(row -> new Command(
                        row.get("id", UUID.class),
                        row.get("saga_type", String.class),
                        row.get("saga_id", UUID.class),
                        row.get("command", String.class),
                        row.get("idempotency_key", String.class),
                        row.get("attempts", Integer.class)))
                .all()
                .collectList();
    }

    /** Locks the command for the current transaction; true while it is still unfinished. */
    @Override
    public Mono<Boolean> lockUnfinished(UUID id) {
        return db.sql("SELECT state IN ('pending', 'in_flight') AS open FROM saga_commands WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(row -> Boolean.TRUE.equals(row.get("open", Boolean.class)))
                .one()
                .defaultIfEmpty(false);
    }

    @Override
    public Mono<Void> markDone(UUID id, String note) {
        return finish(id, "done", note);
    }

    @Override
    public Mono<Void> markFailed(UUID id, String error) {
        return finish(id, "failed", error);
    }

    private Mono<Void> finish(UUID id, String state, String note) {
        var update = db.sql("UPDATE saga_commands SET state = :state, claimed_until = NULL,"
                        + " last_error = COALESCE(:note, last_error) WHERE id = :id")
                .bind("id", id)
                .bind("state", state);
        return Bindings.nullable(update, "note", note, String.class)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Puts the command back after a failed attempt; due again after {@code backoff}. */
    @Override
    public Mono<Void> retryLater(UUID id, Duration backoff, String error) {
        return db.sql("UPDATE saga_commands SET state = 'pending', claimed_until = NULL, last_error = :error,"
                        + " next_attempt_at = now() + make_interval(secs => :backoff)"
                        + " WHERE id = :id AND state IN ('pending', 'in_flight')")
                .bind("id", id)
                .bind("error", error)
                .bind("backoff", Bindings.seconds(backoff))
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Arms a command that gave up again (pending, due now, attempts from zero); false when it had not given up. */
    @Override
    public Mono<Boolean> rearmFailed(UUID sagaId, String command) {
        return db.sql(
                        "UPDATE saga_commands SET state = 'pending', attempts = 0, next_attempt_at = now(), claimed_until = NULL"
                                + " WHERE saga_id = :saga AND command = :command AND state = 'failed'")
                .bind("saga", sagaId)
                .bind("command", command)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /**
     * Arms a finished command again for another round with the partner (a step whose partner failed its earlier
     * request for good): pending, attempts from zero, due after {@code delay}; false when no such command is finished.
     */
    @Override
    public Mono<Boolean> again(UUID sagaId, String command, Duration delay, String note) {
        return db.sql(
                        "UPDATE saga_commands SET state = 'pending', attempts = 0, claimed_until = NULL, last_error = :note,"
                                + " next_attempt_at = now() + make_interval(secs => :delay)"
                                + " WHERE saga_id = :saga AND command = :command AND state IN ('done', 'failed')")
                .bind("saga", sagaId)
                .bind("command", command)
                .bind("note", note)
                .bind("delay", Bindings.seconds(delay))
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Commands by command and state, for the metric. */
    @Override
    public Flux<StateCount> countByState() {
        return db.sql("SELECT command, state, count(*) AS n FROM saga_commands GROUP BY command, state")
                .map(row -> new StateCount(
                        row.get("command", String.class), row.get("state", String.class), row.get("n", Long.class)))
                .all();
    }
}
