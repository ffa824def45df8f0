package com.stack.funding.adapters;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** How far each partner event stream was read ({@code partner_stream_positions}). */
@Repository
public class StreamPositionRepository {

    private final DatabaseClient db;

    public StreamPositionRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<String> last(String partner, String stream) {
        return db.sql("SELECT last_event_id FROM partner_stream_positions WHERE partner = :partner AND stream = :stream")
                .bind("partner", partner).bind("stream", stream)
                .map(row -> row.get("last_event_id", String.class)).one();
    }

    /**
     * Moves the position to {@code eventId} if it is later (ids are ULIDs, ordered as text), in the caller's
     * transaction.
     */
    public Mono<Void> advance(String partner, String stream, String eventId) {
        return db.sql("INSERT INTO partner_stream_positions (partner, stream, last_event_id) VALUES (:partner, :stream, :id)"
                        + " ON CONFLICT (partner, stream) DO UPDATE SET last_event_id = EXCLUDED.last_event_id, updated_at = now()"
                        + " WHERE partner_stream_positions.last_event_id < EXCLUDED.last_event_id")
                .bind("partner", partner).bind("stream", stream).bind("id", eventId)
                .fetch().rowsUpdated().then();
    }
}
