package com.stack.defaults.partners.alpaca;

import com.stack.defaults.messaging.BackgroundLoop;
import com.stack.defaults.partners.sse.ResumableEventStream;
import com.stack.defaults.partners.sse.StreamPositions;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * One of Alpaca's event streams (server-sent events, HTTP Basic auth; Alpaca has no webhooks), followed in the
 * background while the service runs: each connection resumes with {@code since_id} = the stream's stored position
 * ({@link StreamPositions}, partner {@value #PARTNER}), and every event's data goes to {@link #take}, which stores
 * the position ({@link #advance}) once it took the event. Reconnects as {@link ResumableEventStream} says.
 */
public abstract class AlpacaEventStream extends BackgroundLoop {

    public static final String PARTNER = "alpaca";

    private final ResumableEventStream stream;
    private final ResumableEventStream.Settings settings;
    private final StreamPositions positions;
    private final String name;

    /**
     * @param description the stream as log lines name it, e.g. "Alpaca's trade event stream"
     * @param path        the stream's path, e.g. {@code /v2/events/trades}
     * @param name        the stream's name in {@code positions}
     */
    protected AlpacaEventStream(
            String description,
            WebClient.Builder webClients,
            AlpacaConnection connection,
            String path,
            ResumableEventStream.Settings settings,
            StreamPositions positions,
            String name) {
        this.stream = new ResumableEventStream(
                description, connection.client(webClients), path, settings.reconnectBackoff(), settings.idleTimeout());
        this.settings = settings;
        this.positions = positions;
        this.name = name;
    }

    /** One event's data; fails when the event is to come again (the stream reconnects from the stored position). */
    protected abstract Mono<Void> take(String data);

    /** Stores {@code eventId} as the stream's position (in the caller's transaction if there is one). */
    protected Mono<Void> advance(String eventId) {
        return positions.advance(PARTNER, name, eventId);
    }

    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    @Override
    protected Disposable begin() {
        return stream.run(this::position, this::take);
    }

    /** One connection: from the stored position until the stream ends or fails. */
    public Mono<Void> follow() {
        return stream.follow(position(), this::take);
    }

    private Mono<String> position() {
        return positions.last(PARTNER, name);
    }
}
