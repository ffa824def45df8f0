package com.stack.gateway.federation;

import java.util.List;
import java.util.Map;

import com.stack.gateway.federation.protocol.GraphQlRequest;

/** What the gateway does with a {@code subscribe} message received over WebSocket. */
public sealed interface WebSocketOperation {

    /** Not run: the errors to answer with (sent as a message of type error). */
    record Refused(List<Map<String, Object>> errors) implements WebSocketOperation {}

    /** A query or mutation: run as over HTTP, answered with one {@code next} and {@code complete}. */
    record SingleResult(GraphQlRequest request) implements WebSocketOperation {}

    /**
     * A subscription relayed to the one subgraph that resolves all of it.
     *
     * @param subgraph the subgraph's name
     * @param url      its GraphQL endpoint (HTTP; the WebSocket is at the same path)
     * @param document  the subscription to send it, referencing the client's variables it uses
     * @param variables the values of those variables, as the client sent them
     */
    record Subscription(String subgraph, String url, String document, Map<String, Object> variables)
            implements WebSocketOperation {}
}
