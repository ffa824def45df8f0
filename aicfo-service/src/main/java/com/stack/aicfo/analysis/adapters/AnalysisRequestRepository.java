package com.stack.aicfo.analysis.adapters;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.stack.aicfo.analysis.app.ports.AnalysisRequests;
import com.stack.aicfo.analysis.app.ports.AnalysisRequests.Asked;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The on-demand analyses asked for ({@code analysis_requests}), counted per user for the rate limit. */
@Repository
public class AnalysisRequestRepository implements AnalysisRequests {

    /** The advisory lock space of the per-user analysis lock (a two-key lock: apart from single-key locks). */
    private static final int LOCK_SPACE = 0x41494346;

    private final DatabaseClient db;

    public AnalysisRequestRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Takes the user's analysis lock until the current transaction ends, so that counting and recording a request
     * of one user happen one instance at a time.
     */
    @Override
    public Mono<Void> lockUser(UUID userId) {
        return db.sql("SELECT pg_advisory_xact_lock(:space, hashtext(:user)) AS locked")
                .bind("space", LOCK_SPACE)
                .bind("user", userId.toString())
                .map(row -> 1)
                .one()
                .then();
    }

    @Override
    public Mono<Asked> askedWithin(UUID userId, Duration window) {
        return db.sql("SELECT count(*) AS n, min(requested_at) AS oldest FROM analysis_requests WHERE user_id = :user"
                        + " AND requested_at > now() - make_interval(secs => :window)")
                .bind("user", userId)
                .bind("window", window.toMillis() / 1000.0)
                .map(row -> {
                    OffsetDateTime oldest = row.get("oldest", OffsetDateTime.class);
                    return new Asked(row.get("n", Long.class), oldest == null ? null : oldest.toInstant());
                })
                .one();
    }

    @Override
    public Mono<Void> record(UUID requestId, UUID userId) {
        return db.sql("INSERT INTO analysis_requests (id, user_id) VALUES (:id, :user)")
                .bind("id", requestId)
                .bind("user", userId)
                .fetch()
                .rowsUpdated()
                .then();
    }
}
