package com.stack.investing.order.adapters;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.stack.investing.order.app.CountriesOfRecord;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Each user's country of record ({@code user_countries}), from their approved KYC. */
@Repository
public class UserCountryRepository implements CountriesOfRecord {

    private final DatabaseClient db;

    public UserCountryRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The user's country (ISO 3166-1 alpha-2); empty until an approval was heard of. */
    @Override
    public Mono<String> find(UUID userId) {
        return db.sql("SELECT country FROM user_countries WHERE user_id = :user")
                .bind("user", userId)
                .map(row -> row.get("country", String.class))
                .one();
    }

    /** Keeps {@code country} for the user unless a newer KYC version is held; true when it did. */
    @Override
    public Mono<Boolean> apply(UUID userId, String country, long kycVersion, Instant changedAt) {
        return db.sql("INSERT INTO user_countries (user_id, country, kyc_version, changed_at)"
                        + " VALUES (:user, :country, :version, :at) ON CONFLICT (user_id) DO UPDATE"
                        + " SET country = EXCLUDED.country, kyc_version = EXCLUDED.kyc_version,"
                        + " changed_at = EXCLUDED.changed_at WHERE user_countries.kyc_version < EXCLUDED.kyc_version")
                .bind("user", userId)
                .bind("country", country)
                .bind("version", kycVersion)
                .bind("at", OffsetDateTime.ofInstant(changedAt, ZoneOffset.UTC))
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }
}
