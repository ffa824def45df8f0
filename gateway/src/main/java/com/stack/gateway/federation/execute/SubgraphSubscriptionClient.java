package com.stack.gateway.federation.execute;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.stack.gateway.federation.execute.SubgraphClient.SubgraphUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one subscription on one subgraph over {@code graphql-transport-ws}: a WebSocket of its own to
 * the subgraph's {@code /graphql}, with the caller's token in the upgrade's {@code Authorization}
 * header and in {@code connection_init}'s payload; {@code subscribe} once the subgraph acknowledged;
 * the subgraph's {@code next}, {@code error} and {@code complete} become {@link SubgraphEvent}s. When
 * {@code stop} fires, {@code complete} is sent and the socket closed.
 *
 * <p>A connection that is not acknowledged within the timeout, is refused, or ends without the
 * subgraph completing the subscription ends the events with a {@link SubgraphUnavailableException}.
 * The subgraph's circuit breaker (shared with its HTTP requests) is asked before connecting and told
 * how the handshake went. Nothing is retried: events sent while reconnecting would be lost unseen, so
 * the client decides whether to subscribe again.
 */
public class SubgraphSubscriptionClient {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    public static final String SUBPROTOCOL = "graphql-transport-ws";

    private static final Logger log = LoggerFactory.getLogger(SubgraphSubscriptionClient.class);
    private static final Duration EMIT_RETRY = Duration.ofSeconds(1);

    private final WebSocketClient client;
    private final JsonMapper json;
    private final Duration handshakeTimeout;
    private final Function<String, CircuitBreaker> breakers;

    /**
     * @param handshakeTimeout how long connecting and the subgraph's {@code connection_ack} may take
     * @param breakers         the circuit breaker of a subgraph, by name
     */
    public SubgraphSubscriptionClient(
            WebSocketClient client,
            JsonMapper json,
            Duration handshakeTimeout,
            Function<String, CircuitBreaker> breakers) {
        this.client = client;
        this.json = json;
        this.handshakeTimeout = handshakeTimeout;
        this.breakers = breakers;
    }

    /**
     * @param url           the subgraph's GraphQL endpoint over HTTP; the WebSocket is at the same path
     * @param document      the subscription, referencing its variables
     * @param variables     their values
     * @param authorization the caller's {@code Authorization} value ({@code Bearer <token>})
     * @param stop          completes when the client no longer wants events
     */
    public Flux<SubgraphEvent> subscribe(
            String subgraph,
            String url,
            String document,
            Map<String, Object> variables,
            String authorization,
            Mono<Void> stop) {
        return Flux.defer(() -> {
            CircuitBreaker breaker = breakers.apply(subgraph);
            if (!breaker.tryAcquirePermission()) {
                return Flux.error(new SubgraphUnavailableException(subgraph, "is failing repeatedly (circuit open)"));
            }
            Upstream upstream = new Upstream(subgraph, document, variables, authorization, stop, breaker);
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.AUTHORIZATION, authorization);
            Mono<Void> connection = client.execute(webSocketUri(url), headers, upstream);
            // ends the connection if the handshake takes too long; never signals once acknowledged or stopped
            Mono<Void> handshakeDeadline = Mono.firstWithSignal(
                            upstream.acknowledged.asMono(),
                            stop,
                            Mono.delay(handshakeTimeout).then(Mono.error(new TimeoutException())))
                    .then(Mono.never());
            Mono<SubgraphEvent> lifetime = Mono.firstWithSignal(connection, handshakeDeadline)
                    .doOnSuccess(done -> upstream.ended(null))
                    .onErrorResume(e -> {
                        upstream.ended(e);
                        return Mono.empty();
                    })
                    .then(Mono.empty());
            return upstream.events.asFlux().mergeWith(lifetime).doOnCancel(upstream::releaseBreaker);
        });
    }

    static URI webSocketUri(String url) {
        URI http = URI.create(url);
        String scheme = "https".equalsIgnoreCase(http.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + url.substring(http.getScheme().length()));
    }

    /** One subscription's socket: the protocol on the subgraph's side, and the events it yields. */
    private final class Upstream implements WebSocketHandler {

        /** One subscription per socket, so one id is enough. */
        private static final String ID = "1";

        final Sinks.Many<SubgraphEvent> events = Sinks.many().unicast().onBackpressureBuffer();
        final Sinks.Empty<Void> acknowledged = Sinks.empty();
        private final String subgraph;
        private final String document;
        private final Map<String, Object> variables;
        private final String authorization;
        private final Mono<Void> stop;
        private final CircuitBreaker breaker;
        private final long startedAt = System.nanoTime();
        private final AtomicBoolean breakerTold = new AtomicBoolean();
        private volatile boolean ended;
        private volatile boolean stopped;
        private volatile String problem;

        Upstream(
                String subgraph,
                String document,
                Map<String, Object> variables,
                String authorization,
                Mono<Void> stop,
                CircuitBreaker breaker) {
            this.subgraph = subgraph;
            this.document = document;
            this.variables = variables;
            this.authorization = authorization;
            this.stop = stop;
            this.breaker = breaker;
        }

        @Override
        public List<String> getSubProtocols() {
            return List.of(SUBPROTOCOL);
        }

        @Override
        public Mono<Void> handle(WebSocketSession session) {
            log.debug("Subscription socket to subgraph '{}' open", subgraph);
            // pongs are emitted only by the receiving side, one message at a time
            Sinks.Many<String> pongs = Sinks.many().unicast().onBackpressureBuffer();
            Flux<String> outbound = Flux.merge(
                            Mono.just(
                                    message("connection_init", null, Map.of(HttpHeaders.AUTHORIZATION, authorization))),
                            acknowledged
                                    .asMono()
                                    .then(Mono.fromSupplier(() -> message(
                                            "subscribe",
                                            ID,
                                            variables.isEmpty()
                                                    ? Map.of("query", document)
                                                    : Map.of("query", document, "variables", variables)))),
                            pongs.asFlux())
                    .takeUntilOther(stop)
                    .concatWith(Mono.fromSupplier(() -> {
                        stopped = true;
                        return message("complete", ID, null);
                    }));
            Mono<Void> sending = session.send(
                            outbound.doOnNext(text -> log.trace("To subgraph '{}': {}", subgraph, text))
                                    .map(session::textMessage))
                    .then(session.close());
            Mono<Void> receiving = session.receive()
                    .map(WebSocketMessage::getPayloadAsText)
                    .doOnNext(text -> log.trace("From subgraph '{}': {}", subgraph, text))
                    .takeWhile(text -> receive(text, pongs))
                    .then(session.close());
            return Mono.firstWithSignal(sending, receiving);
        }

        /** Handles one message from the subgraph; false once the subscription is over. */
        private boolean receive(String text, Sinks.Many<String> pongs) {
            Map<String, Object> message;
            try {
                message = json.readValue(text, JSON_OBJECT);
            } catch (JacksonException e) {
                problem = "sent a message that is not JSON";
                return false;
            }
            Object type = message.get("type");
            boolean ours = ID.equals(message.get("id"));
            if ("connection_ack".equals(type)) {
                log.debug("Subgraph '{}' acknowledged the subscription socket", subgraph);
                tellBreaker(null);
                acknowledged.tryEmitEmpty();
                return true;
            }
            if ("ping".equals(type)) {
                pongs.tryEmitNext(message("pong", null, null));
                return true;
            }
            if ("pong".equals(type)
                    || (!ours && ("next".equals(type) || "error".equals(type) || "complete".equals(type)))) {
                return true;
            }
            if ("next".equals(type)) {
                emit(new SubgraphEvent(SubgraphEvent.Type.NEXT, message.get("payload")));
                return true;
            }
            if ("error".equals(type) || "complete".equals(type)) {
                if ("error".equals(type)) {
                    emit(new SubgraphEvent(SubgraphEvent.Type.ERROR, message.get("payload")));
                }
                ended = true;
                return false;
            }
            problem = "sent a message of unknown type " + type;
            return false;
        }

        /** The connection is over: the events end with it, in error unless the subscription had ended. */
        void ended(Throwable failure) {
            if (ended || stopped) {
                releaseBreaker();
                events.emitComplete(Sinks.EmitFailureHandler.busyLooping(EMIT_RETRY));
                return;
            }
            SubgraphUnavailableException unavailable = new SubgraphUnavailableException(subgraph, describe(failure));
            log.info("Subscription on subgraph '{}' ended: {}", subgraph, unavailable.getMessage());
            tellBreaker(unavailable);
            events.emitError(unavailable, Sinks.EmitFailureHandler.busyLooping(EMIT_RETRY));
        }

        /** Gives the permission back if the handshake never finished (acknowledgement tells the breaker first). */
        void releaseBreaker() {
            if (breakerTold.compareAndSet(false, true)) {
                breaker.releasePermission();
            }
        }

        /** Success once acknowledged; a failure if the connection failed before that. */
        private void tellBreaker(Throwable failure) {
            if (breakerTold.compareAndSet(false, true)) {
                long elapsed = System.nanoTime() - startedAt;
                if (failure == null) {
                    breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                } else {
                    breaker.onError(elapsed, TimeUnit.NANOSECONDS, failure);
                }
            }
        }

        private void emit(SubgraphEvent event) {
            events.emitNext(event, Sinks.EmitFailureHandler.busyLooping(EMIT_RETRY));
        }

        private String describe(Throwable failure) {
            if (problem != null) {
                return problem;
            }
            if (failure instanceof TimeoutException) {
                return "did not acknowledge the subscription in time";
            }
            if (failure instanceof WebSocketClientHandshakeException) {
                return "refused the WebSocket upgrade";
            }
            if (failure != null) {
                return "could not be reached";
            }
            return "closed the subscription's connection";
        }

        private String message(String type, String id, Map<String, Object> payload) {
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
}
