package com.stack.investing.portfolio.adapters;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.stack.investing.portfolio.app.BuyingPowers;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The read model of funding's buying power ({@code buying_power}): the latest BuyingPowerChanged of each user. Its
 * row is also the user's lock for placing orders (created at version 0 when missing, so any event replaces it).
 */
@Repository
public class BuyingPowerRepository implements BuyingPowers {

    private final DatabaseClient db;

    public BuyingPowerRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Locks the user's row for the current transaction (creating it at 0 if missing); emits the buying power. */
    @Override
    public Mono<BigDecimal> lockForUser(UUID userId) {
        return db.sql("INSERT INTO buying_power (user_id, buying_power_usd, version, changed_at)"
                        + " VALUES (:user, 0, 0, now()) ON CONFLICT (user_id) DO NOTHING")
                .bind("user", userId)
                .fetch()
                .rowsUpdated()
                .then(db.sql("SELECT buying_power_usd FROM buying_power WHERE user_id = :user FOR UPDATE")
                        .bind("user", userId)
                        .map(row -> row.get("buying_power_usd", BigDecimal.class))
                        .one());
    }

    /** The user's buying power as funding last announced it; empty when it never did. */
    @Override
    public Mono<BigDecimal> find(UUID userId) {
        return db.sql("SELECT buying_power_usd FROM buying_power WHERE user_id = :user")
                .bind("user", userId)
                .map(row -> row.get("buying_power_usd", BigDecimal.class))
                .one();
    }

    /** Replaces the user's buying power if {@code version} is newer than the one held; true when it did. */
    @Override
    public Mono<Boolean> apply(UUID userId, BigDecimal buyingPower, long version, Instant changedAt) {
        return db.sql("INSERT INTO buying_power (user_id, buying_power_usd, version, changed_at)"
                        + " VALUES (:user, :amount, :version, :at) ON CONFLICT (user_id) DO UPDATE"
                        + " SET buying_power_usd = EXCLUDED.buying_power_usd, version = EXCLUDED.version,"
                        + " changed_at = EXCLUDED.changed_at WHERE buying_power.version < EXCLUDED.version")
                .bind("user", userId)
                .bind("amount", buyingPower)
                .bind("version", version)
                .bind("at", OffsetDateTime.ofInstant(changedAt, ZoneOffset.UTC))
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }
}
