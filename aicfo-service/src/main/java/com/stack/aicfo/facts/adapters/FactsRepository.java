package com.stack.aicfo.facts.adapters;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

import com.stack.aicfo.facts.app.ports.Facts;
import com.stack.aicfo.facts.domain.Movement;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * aicfo's read model of what a summary may state: money that moved ({@code activity}), buying power per change
 * ({@code buying_power_changes}) and the users ({@code users}). Every write is keyed (what moved, the user and
 * version, the user), so an event applied again changes nothing.
 */
@Repository
public class FactsRepository implements Facts {

    private final DatabaseClient db;

    public FactsRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Records money that moved; false when that deposit, withdrawal or order was recorded already. */
    @Override
    public Mono<Boolean> recordMovement(UUID sourceId, UUID userId, Movement movement, UUID eventId) {
        var spec = db.sql(
                        "INSERT INTO activity (kind, source_id, user_id, amount_usd, side, status, occurred_at, event_id)"
                                + " VALUES (:kind, :source, :user, :amount, :side, :status, :at, :event) ON CONFLICT DO NOTHING")
                .bind("kind", movement.kind().name().toLowerCase(Locale.ROOT))
                .bind("source", sourceId)
                .bind("user", userId)
                .bind("amount", movement.amountUsd())
                .bind("at", utc(movement.occurredAt()))
                .bind("event", eventId);
        spec = movement.side() == null ? spec.bindNull("side", String.class) : spec.bind("side", movement.side());
        spec = movement.status() == null
                ? spec.bindNull("status", String.class)
                : spec.bind("status", movement.status());
        return spec.fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** The user's movements from {@code from} (inclusive) until {@code until} (exclusive), oldest first. */
    @Override
    public Flux<Movement> movements(UUID userId, Instant from, Instant until) {
        return db.sql("SELECT kind, amount_usd, side, status, occurred_at FROM activity WHERE user_id = :user"
                        + " AND occurred_at >= :from AND occurred_at < :until ORDER BY occurred_at, source_id")
                .bind("user", userId)
                .bind("from", utc(from))
                .bind("until", utc(until))
                .map(row -> new Movement(
                        Movement.Kind.valueOf(row.get("kind", String.class).toUpperCase(Locale.ROOT)),
                        row.get("amount_usd", BigDecimal.class),
                        row.get("side", String.class),
                        row.get("status", String.class),
                        row.get("occurred_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    /** Records one buying power change (a version seen before changes nothing). */
    @Override
    public Mono<Void> recordBuyingPower(UUID userId, long version, BigDecimal buyingPowerUsd, Instant changedAt) {
        return db.sql("INSERT INTO buying_power_changes (user_id, version, buying_power_usd, changed_at)"
                        + " VALUES (:user, :version, :amount, :at) ON CONFLICT DO NOTHING")
                .bind("user", userId)
                .bind("version", version)
                .bind("amount", buyingPowerUsd)
                .bind("at", utc(changedAt))
                .fetch()
                .rowsUpdated()
                .then();
    }

    /**
     * The buying power before {@code until}: of the changes made before it, the one of the highest version (funding's
     * order, whatever order the events arrived in); empty when funding announced none.
     */
    @Override
    public Mono<BigDecimal> buyingPowerBefore(UUID userId, Instant until) {
        return db.sql("SELECT buying_power_usd FROM buying_power_changes WHERE user_id = :user AND changed_at < :until"
                        + " ORDER BY version DESC LIMIT 1")
                .bind("user", userId)
                .bind("until", utc(until))
                .map(row -> row.get("buying_power_usd", BigDecimal.class))
                .one();
    }

    /**
     * Records a registered user (once; their time zone stays UTC until one is known). A user first known from a
     * profile change delivered before the registration gets the registration's time.
     */
    @Override
    public Mono<Void> recordUser(UUID userId, Instant registeredAt) {
        var spec = db.sql("INSERT INTO users (user_id, registered_at) VALUES (:user, :at) ON CONFLICT (user_id)"
                        + " DO UPDATE SET registered_at = EXCLUDED.registered_at WHERE users.registered_at IS NULL")
                .bind("user", userId);
        spec = registeredAt == null ? spec.bindNull("at", OffsetDateTime.class) : spec.bind("at", utc(registeredAt));
        return spec.fetch().rowsUpdated().then();
    }

    /**
     * Sets the user's time zone as of {@code updatedAt}, unless a change as new or newer was applied; false when it
     * was not. The user need not be known yet (a profile change may arrive before the registration).
     */
    @Override
    public Mono<Boolean> recordTimeZone(UUID userId, String timeZone, Instant updatedAt) {
        return db.sql(
                        "INSERT INTO users (user_id, time_zone, time_zone_updated_at) VALUES (:user, :zone, :at)"
                                + " ON CONFLICT (user_id) DO UPDATE SET time_zone = EXCLUDED.time_zone,"
                                + " time_zone_updated_at = EXCLUDED.time_zone_updated_at"
                                + " WHERE users.time_zone_updated_at IS NULL OR users.time_zone_updated_at < EXCLUDED.time_zone_updated_at")
                .bind("user", userId)
                .bind("zone", timeZone)
                .bind("at", utc(updatedAt))
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Whether PostgreSQL, which computes the weeks of every user in one query, knows the time zone id. */
    @Override
    public Mono<Boolean> knowsTimeZone(String timeZone) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = :zone) AS known")
                .bind("zone", timeZone)
                .map(row -> row.get("known", Boolean.class))
                .one();
    }

    /** The user's time zone id ({@code UTC} unless one is known). */
    @Override
    public Mono<String> timeZone(UUID userId) {
        return db.sql("SELECT time_zone FROM users WHERE user_id = :user")
                .bind("user", userId)
                .map(row -> row.get("time_zone", String.class))
                .one()
                .defaultIfEmpty("UTC");
    }

    public static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
