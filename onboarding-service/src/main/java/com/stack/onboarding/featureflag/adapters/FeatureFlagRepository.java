package com.stack.onboarding.featureflag.adapters;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

import com.stack.defaults.features.FeatureFlag;
import com.stack.onboarding.featureflag.app.FeatureFlagStore;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The feature flags' store (the table {@code feature_flags}); Redis holds only a copy. */
@Repository
public class FeatureFlagRepository implements FeatureFlagStore {

    /** The advisory lock every change of the flag set takes, so that changes and their set versions are in order. */
    private static final long WRITERS_LOCK = 0x5354_4143_4B46_4C47L; // "STACKFLG"

    private final DatabaseClient db;

    public FeatureFlagRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Takes the writers' lock until the current transaction ends (call inside one) and answers the version the
     * flag set has once this transaction commits: microseconds of the database's clock, taken under the lock, so
     * a later change always has a larger version, also after a restart or with several instances.
     */
    @Override
    public Mono<Long> lockAndVersion() {
        return db.sql("SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS version"
                        + " FROM (SELECT pg_advisory_xact_lock(:lock)) AS locked")
                .bind("lock", WRITERS_LOCK)
                .map(row -> row.get("version", Long.class))
                .one();
    }

    @Override
    public Flux<StoredFlag> findAll() {
        return db.sql("SELECT name, description, enabled, percentage, allow_list, countries, updated_at, version"
                        + " FROM feature_flags ORDER BY name")
                .map(FeatureFlagRepository::stored)
                .all();
    }

    /** Creates or replaces the flag's definition; answers it as stored. */
    @Override
    public Mono<StoredFlag> save(FeatureFlag flag) {
        return db.sql(
                        "INSERT INTO feature_flags (name, description, enabled, percentage, allow_list, countries)"
                                + " VALUES (:name, :description, :enabled, :percentage, :allowList, :countries)"
                                + " ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description, enabled = EXCLUDED.enabled,"
                                + " percentage = EXCLUDED.percentage, allow_list = EXCLUDED.allow_list, countries = EXCLUDED.countries,"
                                + " updated_at = now(), version = feature_flags.version + 1"
                                + " RETURNING name, description, enabled, percentage, allow_list, countries, updated_at, version")
                .bind("name", flag.name())
                .bind("description", flag.description())
                .bind("enabled", flag.enabled())
                .bind("percentage", flag.percentage())
                .bind("allowList", flag.allowList().stream().sorted().toArray(UUID[]::new))
                .bind("countries", flag.countries().stream().sorted().toArray(String[]::new))
                .map(FeatureFlagRepository::stored)
                .one();
    }

    /** True when there was such a flag. */
    @Override
    public Mono<Boolean> delete(String name) {
        return db.sql("DELETE FROM feature_flags WHERE name = :name")
                .bind("name", name)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    private static StoredFlag stored(Readable row) {
        FeatureFlag flag = new FeatureFlag(
                row.get("name", String.class),
                row.get("description", String.class),
                Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                row.get("percentage", Integer.class),
                Set.copyOf(Arrays.asList(row.get("allow_list", UUID[].class))),
                Set.copyOf(Arrays.asList(row.get("countries", String[].class))));
        return new StoredFlag(flag, row.get("updated_at", Instant.class), row.get("version", Long.class));
    }
}
