package com.stack.funding.deposit.adapters;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.stack.funding.deposit.app.SweepWatermarks;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** How far each sweep over a partner's records has read: a watermark per sweep name that only moves forward. */
@Repository
public class SweepWatermarkRepository implements SweepWatermarks {

    private final DatabaseClient db;

    public SweepWatermarkRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The sweep's watermark; empty before its first pass. */
    @Override
    public Mono<Instant> find(String name) {
        return db.sql("SELECT watermark FROM partner_sweep_watermarks WHERE name = :name")
                .bind("name", name)
                .map(row -> row.get("watermark", OffsetDateTime.class).toInstant())
                .one();
    }

    /** Moves the watermark to {@code to}, unless it is already there or later (another instance went further). */
    @Override
    public Mono<Void> advance(String name, Instant to) {
        return db.sql("INSERT INTO partner_sweep_watermarks (name, watermark) VALUES (:name, :to)"
                        + " ON CONFLICT (name) DO UPDATE SET watermark = EXCLUDED.watermark, updated_at = now()"
                        + " WHERE partner_sweep_watermarks.watermark < EXCLUDED.watermark")
                .bind("name", name)
                .bind("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .fetch()
                .rowsUpdated()
                .then();
    }
}
