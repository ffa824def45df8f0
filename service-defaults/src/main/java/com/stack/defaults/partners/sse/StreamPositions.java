package com.stack.defaults.partners.sse;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * How far each partner event stream was taken: a row per (partner, stream) with the last event id, in a table of
 * the service's own database ({@code partner VARCHAR(32), stream VARCHAR(64), last_event_id VARCHAR(255),
 * updated_at TIMESTAMPTZ}, primary key (partner, stream)).
 */
public final class StreamPositions {

    private final DatabaseClient db;
    private final String last;
    private final String advance;

    /** @param table the service's table, a constant of its code (never input) */
    public StreamPositions(DatabaseClient db, String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
        this.db = db;
        this.last = "SELECT last_event_id FROM " + table + " WHERE partner = :partner AND stream = :stream";
        this.advance = "INSERT INTO " + table + " (partner, stream, last_event_id) VALUES (:partner, :stream, :id)"
                + " ON CONFLICT (partner, stream) DO UPDATE SET last_event_id = EXCLUDED.last_event_id, updated_at = now()"
                + " WHERE " + table + ".last_event_id < EXCLUDED.last_event_id";
    }

    /** The last event id taken; empty before the first. */
    public Mono<String> last(String partner, String stream) {
        return db.sql(last)
                .bind("partner", partner)
                .bind("stream", stream)
                .map(row -> row.get("last_event_id", String.class))
                .one();
    }

    /**
     * Moves the position to {@code eventId} if it is later (ids are ULIDs, ordered as text), in the caller's
     * transaction if there is one.
     */
    public Mono<Void> advance(String partner, String stream, String eventId) {
        return db.sql(advance)
                .bind("partner", partner)
                .bind("stream", stream)
                .bind("id", eventId)
                .fetch()
                .rowsUpdated()
                .then();
    }
}
