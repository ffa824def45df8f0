package com.stack.gateway.api;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.stack.gateway.federation.protocol.GraphQlResponse;
import graphql.language.Document;
import graphql.language.NodeUtil;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's request metrics:
 * <ul>
 *   <li>{@code stack.gateway.requests{operation, type, outcome}} (timer): each GraphQL operation, over HTTP or a
 *       WebSocket. {@code operation} is the client's operation name, {@code anonymous} without one, {@code other} once
 *       {@value #MAX_OPERATION_NAMES} names were seen (clients choose names: the cap bounds the series);
 *       {@code type} query, mutation or subscription ({@code unknown} when the request was refused before its
 *       document could be read: unauthenticated, too large, not JSON, not GraphQL); {@code outcome} {@code ok},
 *       {@code error} (a fault of ours: a 5xx, or an error without a code or with one of {@link #isFault}'s, such as
 *       {@code INTERNAL} or a {@code *_UNAVAILABLE}) or {@code refused} (the caller's own: invalid, unauthenticated,
 *       rate limited, too large, or an operation the service refused for a reason it names, such as
 *       {@code INSUFFICIENT_BUYING_POWER}). Only {@code error} spends the availability SLO: a user asking for more than
 *       they have is the system working. A subscription is timed over its whole life.</li>
 *   <li>{@code stack.gateway.websocket.connections} and {@code stack.gateway.subscriptions.active} (gauges): open
 *       WebSocket connections, and subscriptions being relayed.</li>
 * </ul>
 */
public class GatewayMetrics {

    static final String REQUESTS = "stack.gateway.requests";
    static final int MAX_OPERATION_NAMES = 100;
    static final String OK = "ok";
    static final String ERROR = "error";
    static final String REFUSED = "refused";
    static final String UNKNOWN = "unknown";
    static final String QUERY = "query";

    private final MeterRegistry registry;
    private final Set<String> operationNames = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger subscriptions = new AtomicInteger();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("stack.gateway.websocket.connections", connections, AtomicInteger::get)
                .description("Open GraphQL WebSocket connections")
                .register(registry);
        Gauge.builder("stack.gateway.subscriptions.active", subscriptions, AtomicInteger::get)
                .description("Subscriptions being relayed from subgraphs")
                .register(registry);
    }

    public Timer.Sample start() {
        return Timer.start(registry);
    }

    /** Records an operation that ended with {@code response}. */
    public void ended(Timer.Sample sample, Selected operation, GraphQlResponse response) {
        ended(sample, operation, outcomeOf(response));
    }

    public void ended(Timer.Sample sample, Selected operation, String outcome) {
        sample.stop(Timer.builder(REQUESTS)
                .tag("operation", operation(operation.name()))
                .tag("type", operation.type())
                .tag("outcome", outcome)
                .description("GraphQL operations through the gateway")
                .register(registry));
    }

    /** The operation a request selects: its name (null if anonymous) and type. */
    public record Selected(String name, String type) {

        /** A request whose document was not read. */
        static final Selected UNREAD = new Selected(null, UNKNOWN);
    }

    /**
     * The operation a document selects: its own name (a client may leave {@code operationName} out when the document
     * has one operation) and {@code query}, {@code mutation} or {@code subscription}; {@code unknown} when the document
     * does not parse or names no such operation.
     */
    public static Selected selected(String query, String operationName) {
        OperationDefinition operation = operationOf(query, operationName);
        return operation == null
                ? new Selected(operationName, UNKNOWN)
                : new Selected(
                        operation.getName(), operation.getOperation().name().toLowerCase(Locale.ROOT));
    }

    /** The operation a document selects; null when it does not parse or names no such operation. */
    static OperationDefinition operationOf(String query, String operationName) {
        try {
            Document document = Parser.parse(query);
            return NodeUtil.getOperation(document, operationName).operationDefinition;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A request error (4xx) or an error the caller caused is a refusal; a 5xx or an error of ours is an error. */
    static String outcomeOf(GraphQlResponse response) {
        if (response.status() >= 500) {
            return ERROR;
        }
        if (response.status() >= 400) {
            return REFUSED;
        }
        if (!(response.body().get("errors") instanceof java.util.Collection<?> errors) || errors.isEmpty()) {
            return OK;
        }
        return errors.stream().anyMatch(GatewayMetrics::isFault) ? ERROR : REFUSED;
    }

    /**
     * An error of ours rather than the caller's: no code to say what the caller did wrong, an internal error
     * (the services' {@code INTERNAL}), or something unavailable (a subgraph, the supergraph, a partner:
     * {@code SUBGRAPH_UNAVAILABLE}, {@code KYC_PROVIDER_UNAVAILABLE}, ...).
     */
    static boolean isFault(Object error) {
        Object code = error instanceof java.util.Map<?, ?> map
                        && map.get("extensions") instanceof java.util.Map<?, ?> extensions
                ? extensions.get("code")
                : null;
        if (!(code instanceof String name)) {
            return true;
        }
        return name.startsWith("INTERNAL") || name.equals("UNAVAILABLE") || name.endsWith("_UNAVAILABLE");
    }

    void connectionOpened() {
        connections.incrementAndGet();
    }

    void connectionClosed() {
        connections.decrementAndGet();
    }

    void subscriptionStarted() {
        subscriptions.incrementAndGet();
    }

    void subscriptionEnded() {
        subscriptions.decrementAndGet();
    }

    private String operation(String name) {
        if (name == null || name.isBlank()) {
            return "anonymous";
        }
        if (operationNames.contains(name)) {
            return name;
        }
        synchronized (operationNames) {
            if (operationNames.size() < MAX_OPERATION_NAMES) {
                operationNames.add(name);
                return name;
            }
        }
        return operationNames.contains(name) ? name : "other";
    }
}
