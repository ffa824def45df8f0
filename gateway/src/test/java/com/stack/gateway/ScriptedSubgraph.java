package com.stack.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A subgraph that speaks {@code graphql-transport-ws} by script, to misbehave on purpose: it
 * acknowledges any {@code connection_init}, answers {@code notificationReceived} with one event and
 * then waits, and answers {@code brokenStream} with one event and then drops the TCP connection
 * without a close frame. Over HTTP it serves only its SDL. Every WebSocket message it receives is
 * recorded with the upgrade's {@code Authorization} header.
 */
final class ScriptedSubgraph implements AutoCloseable {

    static final String SDL =
            "extend schema @link(url: \\\"https://specs.apollo.dev/federation/v2.5\\\", import: [\\\"@key\\\"])\\n"
                    + "type Query { onboardingGreeting: String }\\n"
                    + "type Subscription { notificationReceived: Notification! brokenStream: Notification! }\\n"
                    + "type Notification { id: ID! text: String }";

    /** One message the subgraph received over WebSocket. */
    record Received(String upgradeAuthorization, Map<String, Object> message) {}

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    private final JsonMapper json = JsonMapper.builder().build();
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final DisposableServer server;

    ScriptedSubgraph() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.post(
                                "/graphql",
                                (request, response) -> request.receive()
                                        .then()
                                        .thenEmpty(response.header("Content-Type", "application/json")
                                                .sendString(Mono.just(
                                                        "{\"data\":{\"_service\":{\"sdl\":\"" + SDL + "\"}}}"))))
                        .ws(
                                "/graphql",
                                this::session,
                                WebsocketServerSpec.builder()
                                        .protocols("graphql-transport-ws")
                                        .build()))
                .bindNow();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private Publisher<Void> session(WebsocketInbound in, WebsocketOutbound out) {
        String authorization = in.headers().get("Authorization");
        return out.sendString(in.receive().asString().concatMap(text -> answer(text, authorization, in)));
    }

    private Flux<String> answer(String text, String authorization, WebsocketInbound in) {
        Map<String, Object> message = json.readValue(text, JSON_OBJECT);
        received.add(new Received(authorization, message));
        Object id = message.get("id");
        return switch (String.valueOf(message.get("type"))) {
            case "connection_init" -> Flux.just("{\"type\":\"connection_ack\"}");
            case "ping" -> Flux.just("{\"type\":\"pong\"}");
            case "subscribe" -> {
                String query = String.valueOf(((Map<?, ?>) message.get("payload")).get("query"));
                String field = query.contains("brokenStream") ? "brokenStream" : "notificationReceived";
                Flux<String> event = Flux.just("{\"id\":\"" + id + "\",\"type\":\"next\",\"payload\":{\"data\":{\""
                        + field + "\":{\"id\":\"n-1\",\"text\":\"hello\"}}}}");
                yield field.equals("brokenStream")
                        ? event.concatWith(Mono.delay(Duration.ofMillis(100))
                                .then(Mono.fromRunnable(() -> in.withConnection(Connection::dispose))))
                        : event;
            }
            default -> Flux.empty();
        };
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
