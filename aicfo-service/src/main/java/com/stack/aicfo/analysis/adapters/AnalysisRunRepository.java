package com.stack.aicfo.analysis.adapters;

import java.time.Duration;
import java.util.UUID;

import com.stack.aicfo.analysis.app.ports.AnalysisRuns;
import com.stack.aicfo.analysis.app.ports.AnalysisRuns.Run;
import com.stack.aicfo.analysis.app.ports.AnalysisRuns.State;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The on-demand analyses being written ({@code analysis_runs}): at most one running per user across replicas (a
 * partial unique index), claimed with a lease under the user's advisory lock ({@link AnalysisRequestRepository#lockUser}),
 * done with the stored analysis' id. A request that finds a live run joins it by reading the row until it is done.
 */
@Repository
public class AnalysisRunRepository implements AnalysisRuns {

    private final DatabaseClient db;

    public AnalysisRunRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The user's running run (lapsed or not); empty when none runs. Call it under the user's lock. */
    @Override
    public Mono<Run> running(UUID userId) {
        return db.sql("SELECT id, state, claimed_until <= now() AS lapsed, summary_id FROM analysis_runs"
                        + " WHERE user_id = :user AND state = 'running'")
                .bind("user", userId)
                .map(AnalysisRunRepository::run)
                .one();
    }

    @Override
    public Mono<Run> find(UUID runId) {
        return db.sql(
                        "SELECT id, state, claimed_until <= now() AS lapsed, summary_id FROM analysis_runs WHERE id = :id")
                .bind("id", runId)
                .map(AnalysisRunRepository::run)
                .one();
    }

    /** Marks the user's lapsed run abandoned, so that a new one may be claimed (under the user's lock). */
    @Override
    public Mono<Void> abandon(UUID runId) {
        return db.sql(
                        "UPDATE analysis_runs SET state = 'abandoned', updated_at = now() WHERE id = :id AND state = 'running'")
                .bind("id", runId)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Claims a new run for the user with a lease of {@code lease} (the user has none running: see the unique index). */
    @Override
    public Mono<Void> claim(UUID runId, UUID userId, Duration lease) {
        return db.sql("INSERT INTO analysis_runs (id, user_id, state, claimed_until)"
                        + " VALUES (:id, :user, 'running', now() + make_interval(secs => :lease))")
                .bind("id", runId)
                .bind("user", userId)
                .bind("lease", lease.toMillis() / 1000.0)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** The run is done: its analysis is stored as {@code summaryId}. */
    @Override
    public Mono<Void> done(UUID runId, UUID summaryId) {
        return db.sql("UPDATE analysis_runs SET state = 'done', summary_id = :summary, claimed_until = now(),"
                        + " updated_at = now() WHERE id = :id")
                .bind("id", runId)
                .bind("summary", summaryId)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** The run failed here: its lease ends now, so the next request of the user (or a joiner) takes it over. */
    @Override
    public Mono<Void> release(UUID runId) {
        return db.sql(
                        "UPDATE analysis_runs SET claimed_until = now(), updated_at = now() WHERE id = :id AND state = 'running'")
                .bind("id", runId)
                .fetch()
                .rowsUpdated()
                .then();
    }

    private static Run run(io.r2dbc.spi.Readable row) {
        String state = row.get("state", String.class);
        State seen = switch (state) {
            case "done" -> State.DONE;
            case "abandoned" -> State.ABANDONED;
            default -> Boolean.TRUE.equals(row.get("lapsed", Boolean.class)) ? State.LAPSED : State.RUNNING;
        };
        return new Run(row.get("id", UUID.class), seen, row.get("summary_id", UUID.class));
    }
}
