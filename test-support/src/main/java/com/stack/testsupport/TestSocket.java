package com.stack.testsupport;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket client for tests, driven from the test's thread: send messages, wait for the next one
 * received, or for the close status the server closed with.
 */
public final class TestSocket implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(20);
    public static final String SUBPROTOCOL = "graphql-transport-ws";

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Many<Map<String, Object>> incoming =
            Sinks.many().replay().all();
    private final Sinks.One<CloseStatus> closed = Sinks.one();
    private final Sinks.One<Throwable> failed = Sinks.one();
    private final Disposable connection;
    private int read;

    private TestSocket(URI uri, HttpHeaders headers, List<String> subprotocols) {
        WebSocketHandler handler = new WebSocketHandler() {
            @Override
            public List<String> getSubProtocols() {
                return subprotocols;
            }

            @Override
            public Mono<Void> handle(WebSocketSession session) {
                Mono<Void> sending = session.send(outgoing.asFlux().map(session::textMessage));
                Mono<Void> receiving = session.receive()
                        .map(WebSocketMessage::getPayloadAsText)
                        .doOnNext(text -> incoming.tryEmitNext(JSON.readValue(text, JSON_OBJECT)))
                        .then();
                Mono<Void> closing =
                        session.closeStatus().doOnNext(closed::tryEmitValue).then();
                return Mono.firstWithSignal(sending, Mono.when(receiving, closing));
            }
        };
        connection = new ReactorNettyWebSocketClient()
                .execute(uri, headers, handler)
                .subscribe(done -> {}, failed::tryEmitValue, () -> closed.tryEmitEmpty());
    }

    /** A socket to the gateway's {@code /graphql} with the graphql-transport-ws subprotocol and no headers. */
    public static TestSocket open(int port) {
        return open(port, "/graphql", null, List.of(SUBPROTOCOL));
    }

    public static TestSocket open(int port, String path, String authorization, List<String> subprotocols) {
        HttpHeaders headers = new HttpHeaders();
        if (authorization != null) {
            headers.set(HttpHeaders.AUTHORIZATION, authorization);
        }
        return new TestSocket(URI.create("ws://127.0.0.1:" + port + path), headers, subprotocols);
    }

    public void send(String text) {
        outgoing.tryEmitNext(text);
    }

    public void send(Map<String, Object> message) {
        send(JSON.writeValueAsString(message));
    }

    /** The next message received, failing the test if none comes in time. */
    public Map<String, Object> next() {
        Map<String, Object> message = incoming.asFlux().skip(read).next().block(WAIT);
        if (message == null) {
            throw new AssertionError("The socket ended without another message");
        }
        read++;
        return message;
    }

    /** The next message, or null if none comes within {@code wait} (the socket may still be open). */
    public Map<String, Object> nextWithin(Duration wait) {
        Map<String, Object> message =
                incoming.asFlux().skip(read).next().timeout(wait, Mono.empty()).block(WAIT);
        if (message != null) {
            read++;
        }
        return message;
    }

    /** The status the socket was closed with (null if it ended without one). */
    public CloseStatus closeStatus() {
        return closed.asMono().block(WAIT);
    }

    /** Why the connection failed, e.g. a refused upgrade (null if it did not fail in time). */
    public Throwable failure() {
        return failed.asMono().timeout(WAIT, Mono.empty()).block();
    }

    @Override
    public void close() {
        connection.dispose();
    }
}
