package com.stack.defaults.partners.sse;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * A partner's server-sent event stream that resumes where it was read to (Alpaca's event streams:
 * {@code GET <path>?since_id=<the last event id taken>}). Each connection starts from the position the caller
 * stored last; every event's data is handed to the caller one after the other, and the caller stores the position
 * when it took the event. A reconnect follows after {@code reconnectBackoff} when the stream ended, failed (also
 * when taking an event failed: it is delivered again), went quiet past {@code idleTimeout}, or said in a comment
 * that messages were dropped. Heartbeat comments only keep the idle timeout at bay.
 */
public final class ResumableEventStream {

    private static final Logger log = LoggerFactory.getLogger(ResumableEventStream.class);
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE =
            new ParameterizedTypeReference<>() {};

    /**
     * A stream's settings as a service binds them ({@code stack.<partner>.<its stream>.*}).
     *
     * @param enabled          follow the stream (off: events are not read; what the service reads back still is)
     * @param reconnectBackoff wait before reconnecting after the stream ended or failed
     * @param idleTimeout      reconnect when nothing (not even a heartbeat) arrived for this long
     */
    public record Settings(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") Duration reconnectBackoff,
            @DefaultValue("60s") Duration idleTimeout) {}

    private final String description;
    private final WebClient web;
    private final String path;
    private final Duration reconnectBackoff;
    private final Duration idleTimeout;

    /**
     * @param description the stream as log lines name it, e.g. "Alpaca's journal event stream"
     * @param web         the partner's client (base URL and credentials set)
     */
    public ResumableEventStream(
            String description, WebClient web, String path, Duration reconnectBackoff, Duration idleTimeout) {
        this.description = description;
        this.web = web;
        this.path = path;
        this.reconnectBackoff = reconnectBackoff;
        this.idleTimeout = idleTimeout;
    }

    /** Follows the stream, reconnecting, until disposed. */
    public Disposable run(Supplier<Mono<String>> position, Function<String, Mono<Void>> take) {
        return Mono.defer(() -> follow(position.get(), take))
                .onErrorResume(e -> {
                    log.warn("{} broke off; resuming in {}: {}", description, reconnectBackoff, e.toString());
                    return Mono.empty();
                })
                .then(Mono.delay(reconnectBackoff))
                .repeat()
                .subscribe();
    }

    /** One connection: from {@code position} (empty: from the start) until the stream ends or fails. */
    public Mono<Void> follow(Mono<String> position, Function<String, Mono<Void>> take) {
        return position.defaultIfEmpty("")
                .flatMapMany(since -> web.get()
                        .uri(builder -> since.isEmpty()
                                ? builder.path(path).build()
                                : builder.path(path)
                                        .queryParam("since_id", since)
                                        .build())
                        .accept(MediaType.TEXT_EVENT_STREAM)
                        .retrieve()
                        .bodyToFlux(SSE))
                .timeout(idleTimeout)
                .concatMap(message -> {
                    if (message.comment() != null
                            && message.comment().toLowerCase(Locale.ROOT).contains("drop")) {
                        // the partner dropped messages on this connection: reconnect from the last stored id
                        return Mono.error(new IllegalStateException(description + " dropped messages: "
                                + message.comment().strip()));
                    }
                    String data = message.data();
                    return data == null || data.isBlank() ? Mono.empty() : take.apply(data); // empty: a heartbeat
                })
                .then();
    }
}
