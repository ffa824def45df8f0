package com.stack.onboarding.passcode.adapters;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.stack.onboarding.passcode.app.PasscodeChanges;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The passcode changes each user requested recently ({@code passcode_changes}), for the per-user limit.
 * Callers hold the user's row lock, so a user's changes are counted and recorded one at a time.
 */
@Repository
public class PasscodeChangeRepository implements PasscodeChanges {

    private final DatabaseClient db;

    public PasscodeChangeRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Forgets the user's changes at or before {@code windowStart} and answers how many are left and the
     * oldest of them (null when none).
     */
    @Override
    public Mono<RecentChanges> recent(UUID userId, Instant windowStart) {
        return db.sql("WITH expired AS (DELETE FROM passcode_changes WHERE user_id = :user AND requested_at <= :start) "
                        + "SELECT count(*) AS changes, min(requested_at) AS oldest FROM passcode_changes "
                        + "WHERE user_id = :user AND requested_at > :start")
                .bind("user", userId)
                .bind("start", windowStart)
                .map(row -> {
                    OffsetDateTime oldest = row.get("oldest", OffsetDateTime.class);
                    return new RecentChanges(
                            row.get("changes", Long.class), oldest == null ? null : oldest.toInstant());
                })
                .one();
    }

    @Override
    public Mono<Void> record(UUID userId, Instant requestedAt) {
        return db.sql("INSERT INTO passcode_changes (user_id, requested_at) VALUES (:user, :at)")
                .bind("user", userId)
                .bind("at", requestedAt)
                .then();
    }
}
