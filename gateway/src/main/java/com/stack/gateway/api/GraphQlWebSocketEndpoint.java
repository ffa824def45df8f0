package com.stack.gateway.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.stack.gateway.federation.FederatedGraphQl;
import com.stack.gateway.federation.SupergraphManager;
import com.stack.gateway.federation.WebSocketOperation;
import com.stack.gateway.federation.execute.SubgraphClient.SubgraphUnavailableException;
import com.stack.gateway.federation.execute.SubgraphEvent;
import com.stack.gateway.federation.execute.SubgraphSubscriptionClient;
import com.stack.gateway.federation.protocol.GraphQlRequest;
import com.stack.gateway.federation.protocol.GraphQlResponse;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /graphql} over WebSocket, speaking {@code graphql-transport-ws} (the graphql-ws protocol
 * that Apollo Client and graphql-ws use).
 *
 * <p>Authentication happens here, not in the security filter chain, so that browsers (which cannot
 * set headers on a WebSocket) can send the token in {@code connection_init}'s payload
 * ({@code {"Authorization": "Bearer <jwt>"}}); without it the upgrade request's {@code Authorization}
 * header is used. The token is validated by the same decoder as on HTTP (signature, issuer, audience,
 * expiry). No valid token closes the socket with {@code 4401}, and so does the token's expiry later.
 *
 * <p>A subscription is relayed to the subgraph that owns its root field, over a WebSocket of its own
 * per subscription (see {@link SubgraphSubscriptionClient}); a query or mutation is run as over HTTP.
 * Protocol violations close the socket with the protocol's codes: {@code 4400} invalid message,
 * {@code 4401} subscribe before {@code connection_ack}, {@code 4406} another subprotocol, {@code 4408}
 * no {@code connection_init} in time, {@code 4409} a subscription id already in use, {@code 4429} a
 * second {@code connection_init}.
 */
public class GraphQlWebSocketEndpoint implements WebSocketHandler {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    static final CloseStatus UNAUTHORIZED = new CloseStatus(4401, "Unauthorized");

    private static final Logger log = LoggerFactory.getLogger(GraphQlWebSocketEndpoint.class);

    private static final Pattern BEARER =
            Pattern.compile("^Bearer +([A-Za-z0-9\\-._~+/]+=*)$", Pattern.CASE_INSENSITIVE);
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    private final SupergraphManager supergraphs;
    private final SubgraphSubscriptionClient subscriptions;
    private final ReactiveJwtDecoder tokens;
    private final JsonMapper json;
    private final Duration connectionInitTimeout;
    private final int maxOperations;
    private final Clock clock;
    private final GatewayMetrics metrics;

    /**
     * @param connectionInitTimeout how long a client may take to send {@code connection_init}
     * @param maxOperations         operations one socket may run at once; more are refused with an error
     */
    public GraphQlWebSocketEndpoint(
            SupergraphManager supergraphs,
            SubgraphSubscriptionClient subscriptions,
            ReactiveJwtDecoder tokens,
            JsonMapper json,
            Duration connectionInitTimeout,
            int maxOperations,
            Clock clock,
            GatewayMetrics metrics) {
        this.supergraphs = supergraphs;
        this.subscriptions = subscriptions;
        this.tokens = tokens;
        this.json = json;
        this.connectionInitTimeout = connectionInitTimeout;
        this.maxOperations = maxOperations;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public List<String> getSubProtocols() {
        return List.of(SubgraphSubscriptionClient.SUBPROTOCOL);
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        if (!SubgraphSubscriptionClient.SUBPROTOCOL.equals(
                session.getHandshakeInfo().getSubProtocol())) {
            return session.close(new CloseStatus(4406, "Subprotocol not acceptable"));
        }
        Connection connection = new Connection(session);
        Flux<String> answers = session.receive()
                .doFinally(signal -> connection.inboundEnded())
                .map(WebSocketMessage::getPayloadAsText)
                // each message's answers, subscriptions' events included, interleave as they come;
                // the limit on operations keeps the number of long-lived inner streams bounded
                .flatMap(connection::handle, maxOperations + 8);
        Mono<String> initTimeout = Mono.delay(connectionInitTimeout)
                .filter(tick -> !connection.initReceived.get())
                .flatMap(tick -> connection.close(new CloseStatus(4408, "Connection initialisation timeout")));
        metrics.connectionOpened();
        return session.send(Flux.merge(answers, initTimeout)
                        .takeUntilOther(connection.ended.asMono())
                        .map(session::textMessage))
                .doFinally(signal -> metrics.connectionClosed());
    }

    /** One client socket: its authentication and the operations it runs. */
    private final class Connection {

        final AtomicBoolean initReceived = new AtomicBoolean();
        /** Ends the socket's answers (and so every operation on it). */
        final Sinks.Empty<Void> ended = Sinks.empty();

        private final AtomicBoolean closing = new AtomicBoolean();
        private final WebSocketSession session;
        private final Map<String, Operation> operations = new ConcurrentHashMap<>();
        private final AtomicInteger running = new AtomicInteger();
        private volatile String authorization;

        Connection(WebSocketSession session) {
            this.session = session;
        }

        /**
         * Closes the socket with the status; the answers end once the close frame is written. (Sending
         * it ends the inbound first, and ending the handler then would drop the frame and its code.)
         */
        Mono<String> close(CloseStatus status) {
            return Mono.defer(() -> closing.compareAndSet(false, true)
                    ? session.close(status)
                            .doFinally(signal -> ended.tryEmitEmpty())
                            .then(Mono.<String>empty())
                    : Mono.<String>empty());
        }

        /** The client closed the socket, or it dropped: unless closing it ourselves, that ends it. */
        void inboundEnded() {
            if (!closing.get()) {
                ended.tryEmitEmpty();
            }
        }

        Flux<String> handle(String text) {
            Map<String, Object> message;
            try {
                message = json.readValue(text, JSON_OBJECT);
            } catch (JacksonException e) {
                return close(new CloseStatus(4400, "Invalid message: not JSON")).flux();
            }
            Object type = message.get("type");
            if (!(type instanceof String name)) {
                return invalid("no type");
            }
            return switch (name) {
                case "connection_init" -> connectionInit(message.get("payload"));
                case "ping" -> Flux.just(serverMessage("pong", null, null));
                case "pong" -> Flux.empty();
                case "subscribe" -> subscribe(message);
                case "complete" -> complete(message.get("id"));
                default -> invalid("unexpected type " + name);
            };
        }

        private Flux<String> connectionInit(Object payload) {
            if (!initReceived.compareAndSet(false, true)) {
                return close(new CloseStatus(4429, "Too many initialisation requests"))
                        .flux();
            }
            if (payload != null && !(payload instanceof Map)) {
                return invalid("connection_init's payload must be an object");
            }
            String credentials = payload instanceof Map<?, ?> map ? authorizationIn(map) : null;
            if (credentials == null) {
                credentials = session.getHandshakeInfo().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            }
            if (credentials == null) {
                return close(unauthorized("Sign in first: send {\"Authorization\": \"Bearer <token>\"} "
                                + "as connection_init's payload"))
                        .flux();
            }
            Matcher bearer = BEARER.matcher(credentials.trim());
            if (!bearer.matches()) {
                return close(unauthorized("The Authorization value is malformed: send 'Bearer <token>'"))
                        .flux();
            }
            String token = bearer.group(1);
            return tokens.decode(token)
                    .flatMapMany(jwt -> {
                        authorization = "Bearer " + token;
                        String ack = serverMessage("connection_ack", null, null);
                        return Flux.concat(Mono.just(ack), closeOnExpiry(jwt));
                    })
                    .onErrorResume(
                            JwtException.class,
                            e -> close(unauthorized(GraphQlAuthenticationEntryPoint.Refusal.of(
                                            new InvalidBearerTokenException(e.getMessage(), e))
                                    .message())))
                    .onErrorResume(e -> {
                        log.error("Checking a WebSocket's token failed", e);
                        return close(new CloseStatus(4500, "Internal server error"));
                    });
        }

        /** The socket lives no longer than the token it was opened with. */
        private Mono<String> closeOnExpiry(Jwt jwt) {
            Instant expiresAt = jwt.getExpiresAt();
            if (expiresAt == null) {
                return Mono.empty();
            }
            Duration left = Duration.between(clock.instant(), expiresAt);
            return Mono.delay(left.isNegative() ? Duration.ZERO : left)
                    .then(close(unauthorized("The access token has expired: sign in again")));
        }

        private Flux<String> subscribe(Map<String, Object> message) {
            if (authorization == null) {
                return close(UNAUTHORIZED).flux();
            }
            if (!(message.get("id") instanceof String id) || id.isEmpty()) {
                return invalid("subscribe needs an id");
            }
            GraphQlRequest request = requestIn(message.get("payload"));
            if (request == null) {
                return invalid("subscribe's payload needs a query (and optionally operationName and variables)");
            }
            Operation operation = new Operation();
            if (operations.putIfAbsent(id, operation) != null) {
                return close(new CloseStatus(4409, limit("Subscriber for " + id + " already exists")))
                        .flux();
            }
            if (running.incrementAndGet() > maxOperations) {
                return end(
                        id,
                        operation,
                        Flux.just(error(
                                id,
                                "TOO_MANY_OPERATIONS",
                                "This connection already runs " + maxOperations + " operations: complete one first")));
            }
            Flux<String> answers = supergraphs
                    .current()
                    .flatMapMany(engine -> run(id, engine, request, operation))
                    .switchIfEmpty(Flux.defer(() -> Flux.just(
                            error(id, "SUPERGRAPH_UNAVAILABLE", "The gateway has not composed its supergraph yet"))))
                    .onErrorResume(e -> {
                        log.error("Operation {} on a WebSocket failed", id, e);
                        return Flux.just(error(id, "INTERNAL_SERVER_ERROR", "The operation failed unexpectedly"));
                    })
                    // after the client's complete nothing more is sent for the id
                    .filter(answer -> !operation.stopped());
            return end(id, operation, answers);
        }

        private Flux<String> run(String id, FederatedGraphQl engine, GraphQlRequest request, Operation operation) {
            Timer.Sample sample = metrics.start();
            GatewayMetrics.Selected selected = GatewayMetrics.selected(request.query(), request.operationName());
            WebSocketOperation prepared = engine.prepareWebSocketOperation(request);
            if (prepared instanceof WebSocketOperation.Refused refused) {
                metrics.ended(sample, selected, GatewayMetrics.REFUSED);
                return Flux.just(serverMessage("error", id, refused.errors()));
            }
            if (prepared instanceof WebSocketOperation.SingleResult single) {
                return engine.execute(single.request(), authorization)
                        .doOnNext(response -> metrics.ended(sample, selected, response))
                        .takeUntilOther(operation.stop.asMono())
                        .flatMapMany(response -> response.body().containsKey("data")
                                ? Flux.just(
                                        serverMessage("next", id, response.body()), serverMessage("complete", id, null))
                                : Flux.just(serverMessage(
                                        "error", id, response.body().get("errors"))));
            }
            WebSocketOperation.Subscription subscription = (WebSocketOperation.Subscription) prepared;
            AtomicBoolean failed = new AtomicBoolean();
            metrics.subscriptionStarted();
            return subscriptions
                    .subscribe(
                            subscription.subgraph(),
                            subscription.url(),
                            subscription.document(),
                            subscription.variables(),
                            authorization,
                            operation.stop.asMono())
                    .map(event -> {
                        if (event.type() == SubgraphEvent.Type.ERROR) {
                            failed.set(true);
                            return serverMessage("error", id, event.payload());
                        }
                        return serverMessage("next", id, event.payload());
                    })
                    .concatWith(Mono.fromSupplier(() -> serverMessage("complete", id, null))
                            .filter(complete -> !failed.get()))
                    .onErrorResume(SubgraphUnavailableException.class, e -> {
                        failed.set(true);
                        return Mono.just(
                                error(id, "SUBGRAPH_UNAVAILABLE", e.getMessage() + "; subscribe again to resume"));
                    })
                    .doFinally(signal -> {
                        metrics.subscriptionEnded();
                        metrics.ended(
                                sample,
                                selected,
                                failed.get() || signal == SignalType.ON_ERROR
                                        ? GatewayMetrics.ERROR
                                        : GatewayMetrics.OK);
                    });
        }

        /** Frees the id (and a place among the running operations) once the operation's answers are done. */
        private Flux<String> end(String id, Operation operation, Flux<String> answers) {
            return answers.doFinally(signal -> {
                running.decrementAndGet();
                operations.remove(id, operation);
            });
        }

        private Flux<String> complete(Object id) {
            if (!(id instanceof String key)) {
                return invalid("complete needs an id");
            }
            Operation operation = operations.remove(key);
            if (operation != null) {
                operation.stop();
            }
            return Flux.empty();
        }

        private Flux<String> invalid(String why) {
            return close(new CloseStatus(4400, limit("Invalid message: " + why)))
                    .flux();
        }

        private GraphQlRequest requestIn(Object payload) {
            if (!(payload instanceof Map<?, ?> map) || !(map.get("query") instanceof String query) || query.isBlank()) {
                return null;
            }
            Object operationName = map.get("operationName");
            Object variables = map.get("variables");
            if ((operationName != null && !(operationName instanceof String))
                    || (variables != null && !(variables instanceof Map))) {
                return null;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> variableMap = (Map<String, Object>) variables;
            return new GraphQlRequest(query, (String) operationName, variableMap);
        }
    }

    /** One running operation: its stop signal, fired once by the client's {@code complete}. */
    private static final class Operation {
        final Sinks.Empty<Void> stop = Sinks.empty();
        private volatile boolean stopped;

        void stop() {
            stopped = true;
            stop.tryEmitEmpty();
        }

        boolean stopped() {
            return stopped;
        }
    }

    /** The value of {@code Authorization} in connection_init's payload, whatever the key's case. */
    private static String authorizationIn(Map<?, ?> payload) {
        for (Map.Entry<?, ?> entry : payload.entrySet()) {
            if (HttpHeaders.AUTHORIZATION.equalsIgnoreCase(String.valueOf(entry.getKey()))
                    && entry.getValue() instanceof String value) {
                return value;
            }
        }
        return null;
    }

    private static CloseStatus unauthorized(String reason) {
        return new CloseStatus(UNAUTHORIZED.getCode(), limit(reason));
    }

    /** A close frame's reason is at most 123 bytes. */
    private static String limit(String reason) {
        String limited = reason;
        while (limited.getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES) {
            limited = limited.substring(0, limited.length() - 1);
        }
        return limited;
    }

    private String error(String id, String code, String text) {
        return serverMessage("error", id, List.of(GraphQlResponse.error(text, code)));
    }

    private String serverMessage(String type, String id, Object payload) {
        Map<String, Object> message = new LinkedHashMap<>();
        if (id != null) {
            message.put("id", id);
        }
        message.put("type", type);
        if (payload != null) {
            message.put("payload", payload);
        }
        return json.writeValueAsString(message);
    }
}
