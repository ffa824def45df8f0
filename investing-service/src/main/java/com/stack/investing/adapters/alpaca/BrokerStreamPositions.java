package com.stack.investing.adapters.alpaca;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** How far each broker event stream was applied ({@code broker_stream_positions}). */
public class BrokerStreamPositions {

    private final DatabaseClient db;

    public BrokerStreamPositions(DatabaseClient db) {
        this.db = db;
    }

    /** The last event id applied; empty before the first. */
    public Mono<String> last(String partner, String stream) {
        return db.sql("SELECT last_event_id FROM broker_stream_positions WHERE partner = :partner AND stream = :stream")
                .bind("partner", partner).bind("stream", stream)
                .map(row -> row.get("last_event_id", String.class)).one();
    }

    /** Records {@code eventId} as applied unless a later one was (ids are ULIDs: ordered as text). */
    public Mono<Void> record(String partner, String stream, String eventId) {
        return db.sql("INSERT INTO broker_stream_positions (partner, stream, last_event_id) VALUES (:partner, :stream, :id)"
                        + " ON CONFLICT (partner, stream) DO UPDATE SET last_event_id = EXCLUDED.last_event_id,"
                        + " updated_at = now() WHERE broker_stream_positions.last_event_id < EXCLUDED.last_event_id")
                .bind("partner", partner).bind("stream", stream).bind("id", eventId)
                .fetch().rowsUpdated().then();
    }
}
