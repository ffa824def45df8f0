package com.stack.wallet.kyc.adapters;

import java.time.Instant;
import java.util.UUID;

import com.stack.wallet.kyc.app.KycStandings;
import com.stack.wallet.kyc.domain.KycStanding;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
public class KycStandingRepository implements KycStandings {

    private final DatabaseClient db;

    public KycStandingRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Records the user's KYC standing unless one of the same or a higher version is recorded already (a stale
     * or repeated status, delivered late); true if recorded. The version comparison happens in the statement,
     * so two deliveries racing cannot both win.
     */
    @Override
    public Mono<Boolean> recordIfNewer(UUID userId, KycStanding standing, Instant changedAt) {
        return db.sql("INSERT INTO kyc_standings (user_id, status, version, changed_at)"
                        + " VALUES (:user, :status, :version, :changedAt)"
                        + " ON CONFLICT (user_id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version,"
                        + " changed_at = EXCLUDED.changed_at, recorded_at = now()"
                        + " WHERE kyc_standings.version < EXCLUDED.version")
                .bind("user", userId)
                .bind("status", standing.status())
                .bind("version", standing.version())
                .bind("changedAt", changedAt)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    @Override
    public Mono<KycStanding> find(UUID userId) {
        return db.sql("SELECT status, version FROM kyc_standings WHERE user_id = :user")
                .bind("user", userId)
                .map(row -> new KycStanding(row.get("status", String.class), row.get("version", Long.class)))
                .one();
    }
}
