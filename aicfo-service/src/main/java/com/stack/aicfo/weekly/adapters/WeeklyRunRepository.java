package com.stack.aicfo.weekly.adapters;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import com.stack.aicfo.facts.adapters.FactsRepository;
import com.stack.aicfo.weekly.app.ports.WeeklyRuns;
import com.stack.aicfo.weekly.app.ports.WeeklyRuns.Claim;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The weekly run's claims ({@code weekly_runs}): one row per user and closed week, claimed with a lease by the
 * instance that writes the summary, done once it is stored. Two instances never hold the same claim: a new claim is
 * an insert that does nothing on conflict, a lapsed one is taken over under {@code FOR UPDATE SKIP LOCKED}.
 */
@Repository
public class WeeklyRunRepository implements WeeklyRuns {

    /** Users with any money movement or buying power change, their time zone and since when they are active. */
    private static final String ACTIVE = "active AS (SELECT a.user_id, COALESCE(u.time_zone, 'UTC') AS time_zone,"
            + " min(a.since) AS since FROM (SELECT user_id, min(occurred_at) AS since FROM activity GROUP BY user_id"
            + "   UNION ALL SELECT user_id, min(changed_at) FROM buying_power_changes GROUP BY user_id) a"
            + " LEFT JOIN users u ON u.user_id = a.user_id GROUP BY a.user_id, u.time_zone)";

    /**
     * Claims the {@code due} runs (user, week) nobody claimed yet, of users active before the week's end, up to
     * {@code :limit}; a concurrent claim of the same run by another instance waits for it and does nothing.
     */
    private static final String CLAIM_DUE =
            " INSERT INTO weekly_runs (user_id, week_start, state, claimed_until, attempts)"
                    + " SELECT d.user_id, d.week_start, 'claimed', CAST(:now AS timestamptz) + make_interval(secs => :lease), 1"
                    + " FROM due d WHERE d.since < CAST(d.week_start + 7 AS timestamp) AT TIME ZONE d.time_zone"
                    + " AND NOT EXISTS (SELECT 1 FROM weekly_runs r WHERE r.user_id = d.user_id AND r.week_start = d.week_start)"
                    + " ORDER BY d.user_id LIMIT :limit"
                    + " ON CONFLICT DO NOTHING RETURNING user_id, week_start, attempts,"
                    + " COALESCE((SELECT time_zone FROM users u WHERE u.user_id = weekly_runs.user_id), 'UTC') AS time_zone";

    private final DatabaseClient db;

    public WeeklyRunRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Claims up to {@code limit} runs of the active users' last closed week, in each user's zone, at {@code now}. */
    @Override
    public Flux<Claim> claimLastClosedWeeks(Instant now, Duration lease, int limit) {
        return claims(
                db.sql("WITH " + ACTIVE + ", due AS (SELECT user_id, time_zone, since,"
                        + " CAST(date_trunc('week', CAST(:now AS timestamptz) AT TIME ZONE time_zone) AS date) - 7 AS week_start"
                        + " FROM active)" + CLAIM_DUE),
                now,
                lease,
                limit);
    }

    /**
     * Claims up to {@code limit} runs of the active users for the week of {@code weekStart} (a Monday), for those in
     * whose zone it has closed at {@code now}.
     */
    @Override
    public Flux<Claim> claimWeek(LocalDate weekStart, Instant now, Duration lease, int limit) {
        return claims(
                db.sql("WITH " + ACTIVE + ", due AS (SELECT user_id, time_zone, since,"
                                + " CAST(:week AS date) AS week_start FROM active"
                                + " WHERE CAST(CAST(:week AS date) + 7 AS timestamp) AT TIME ZONE time_zone <= CAST(:now AS timestamptz))"
                                + CLAIM_DUE)
                        .bind("week", weekStart),
                now,
                lease,
                limit);
    }

    private Flux<Claim> claims(DatabaseClient.GenericExecuteSpec claim, Instant now, Duration lease, int limit) {
        return claim.bind("now", FactsRepository.utc(now))
                .bind("lease", seconds(lease))
                .bind("limit", limit)
                .map(row -> new Claim(
                        row.get("user_id", UUID.class),
                        row.get("week_start", LocalDate.class),
                        row.get("time_zone", String.class),
                        row.get("attempts", Integer.class)))
                .all();
    }

    /**
     * Takes over up to {@code limit} claims whose lease ran out (their runner died or gave up), oldest first, of
     * those attempted fewer than {@code maxAttempts} times.
     */
    @Override
    public Flux<Claim> claimLapsed(Instant now, Duration lease, int limit, int maxAttempts) {
        return claims(
                db.sql(
                                "UPDATE weekly_runs r SET claimed_until = CAST(:now AS timestamptz) + make_interval(secs => :lease),"
                                        + " attempts = r.attempts + 1, updated_at = now()"
                                        + " FROM (SELECT user_id, week_start FROM weekly_runs WHERE state = 'claimed'"
                                        + "   AND claimed_until < CAST(:now AS timestamptz) AND attempts < :maxAttempts"
                                        + "   ORDER BY claimed_until LIMIT :limit FOR UPDATE SKIP LOCKED) lapsed"
                                        + " WHERE r.user_id = lapsed.user_id AND r.week_start = lapsed.week_start"
                                        + " RETURNING r.user_id, r.week_start, r.attempts,"
                                        + " COALESCE((SELECT time_zone FROM users u WHERE u.user_id = r.user_id), 'UTC') AS time_zone")
                        .bind("maxAttempts", maxAttempts),
                now,
                lease,
                limit);
    }

    /**
     * Parks the claims whose lease ran out after {@code maxAttempts} attempts: they are not taken over again. The
     * runs parked, each once (whichever replica parks it).
     */
    @Override
    public Flux<Claim> parkExhausted(Instant now, int maxAttempts) {
        return db.sql("UPDATE weekly_runs r SET state = 'parked', claimed_until = NULL, updated_at = now()"
                        + " FROM (SELECT user_id, week_start FROM weekly_runs WHERE state = 'claimed'"
                        + "   AND claimed_until < CAST(:now AS timestamptz) AND attempts >= :maxAttempts"
                        + "   FOR UPDATE SKIP LOCKED) exhausted"
                        + " WHERE r.user_id = exhausted.user_id AND r.week_start = exhausted.week_start"
                        + " RETURNING r.user_id, r.week_start, r.attempts")
                .bind("now", FactsRepository.utc(now))
                .bind("maxAttempts", maxAttempts)
                .map(row -> new Claim(
                        row.get("user_id", UUID.class),
                        row.get("week_start", LocalDate.class),
                        null,
                        row.get("attempts", Integer.class)))
                .all();
    }

    /** Marks the run done (its summary is stored). */
    @Override
    public Mono<Void> done(UUID userId, LocalDate weekStart) {
        return db.sql("UPDATE weekly_runs SET state = 'done', claimed_until = NULL, updated_at = now()"
                        + " WHERE user_id = :user AND week_start = :week")
                .bind("user", userId)
                .bind("week", weekStart)
                .fetch()
                .rowsUpdated()
                .then();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
