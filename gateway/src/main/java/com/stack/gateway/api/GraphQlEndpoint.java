package com.stack.gateway.api;

import java.util.LinkedHashMap;
import java.util.Map;

import com.stack.gateway.federation.SupergraphManager;
import com.stack.gateway.federation.protocol.GraphQlRequest;
import com.stack.gateway.federation.protocol.GraphQlResponse;
import io.micrometer.core.instrument.Timer;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /graphql} over HTTP: POST with a JSON body, or GET for queries. Every failure the client
 * can cause (a body that is too large or not JSON, a missing query, a syntax or validation error,
 * bad variables) gets a GraphQL error response with a code, never a stack trace or a 500. Every request is
 * timed ({@link GatewayMetrics}).
 */
public class GraphQlEndpoint {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    private final SupergraphManager supergraphs;
    private final JsonMapper json;
    private final int maxRequestBytes;
    private final GatewayMetrics metrics;

    public GraphQlEndpoint(
            SupergraphManager supergraphs, JsonMapper json, int maxRequestBytes, GatewayMetrics metrics) {
        this.supergraphs = supergraphs;
        this.json = json;
        this.maxRequestBytes = maxRequestBytes;
        this.metrics = metrics;
    }

    public Mono<ServerResponse> post(ServerRequest request) {
        Timer.Sample sample = metrics.start();
        MediaType contentType = request.headers().contentType().orElse(MediaType.APPLICATION_JSON);
        if (!contentType.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return refused(
                    sample,
                    GraphQlResponse.requestError(
                            415, "UNSUPPORTED_MEDIA_TYPE", "Send the request as application/json"));
        }
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), maxRequestBytes)
                .map(GraphQlEndpoint::bytes)
                .defaultIfEmpty(new byte[0])
                .flatMap(body ->
                        parseBody(body).fold(error -> refused(sample, error), parsed -> run(parsed, request, sample)))
                .onErrorResume(
                        DataBufferLimitException.class,
                        e -> refused(
                                sample,
                                GraphQlResponse.requestError(
                                        413,
                                        "REQUEST_TOO_LARGE",
                                        "The request body is larger than " + maxRequestBytes + " bytes")));
    }

    public Mono<ServerResponse> get(ServerRequest request) {
        Timer.Sample sample = metrics.start();
        String query = request.queryParam("query").orElse(null);
        String operationName = request.queryParam("operationName").orElse(null);
        String variables = request.queryParam("variables").orElse(null);
        if (query == null || query.isBlank()) {
            return refused(
                    sample, GraphQlResponse.requestError(400, "BAD_REQUEST", "The 'query' parameter is required"));
        }
        if (query.length() > maxRequestBytes) {
            return refused(sample, GraphQlResponse.requestError(413, "REQUEST_TOO_LARGE", "The query is too large"));
        }
        Map<String, Object> parsedVariables;
        try {
            parsedVariables = variables == null ? Map.of() : json.readValue(variables, JSON_OBJECT);
        } catch (JacksonException | ClassCastException e) {
            return refused(
                    sample, GraphQlResponse.requestError(400, "BAD_REQUEST", "'variables' must be a JSON object"));
        }
        // decided on the parsed document and the selected operation (comments, whitespace and other operations in
        // the document do not matter); a document that does not parse is run, which reports it with its usual code
        GatewayMetrics.Selected operation = GatewayMetrics.selected(query, operationName);
        if (!GatewayMetrics.QUERY.equals(operation.type()) && !GatewayMetrics.UNKNOWN.equals(operation.type())) {
            GraphQlResponse refusal = GraphQlResponse.requestError(
                    405,
                    "METHOD_NOT_ALLOWED",
                    "Only queries may be sent with GET: send mutations and subscriptions with POST");
            metrics.ended(sample, operation, refusal);
            return ServerResponse.status(405)
                    .header(HttpHeaders.ALLOW, "POST")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(refusal.body());
        }
        return run(new GraphQlRequest(query, operationName, parsedVariables), request, sample);
    }

    private Mono<ServerResponse> run(GraphQlRequest graphQl, ServerRequest request, Timer.Sample sample) {
        String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        return supergraphs
                .current()
                .flatMap(engine -> engine.execute(graphQl, authorization))
                .switchIfEmpty(Mono.fromSupplier(() -> GraphQlResponse.requestError(
                        503,
                        "SUPERGRAPH_UNAVAILABLE",
                        "The gateway has not composed its supergraph yet; waiting for: "
                                + supergraphs.problems().keySet())))
                .doOnNext(response -> metrics.ended(
                        sample, GatewayMetrics.selected(graphQl.query(), graphQl.operationName()), response))
                .flatMap(GraphQlEndpoint::respond);
    }

    /** A request refused before its document could be read. */
    private Mono<ServerResponse> refused(Timer.Sample sample, GraphQlResponse refusal) {
        metrics.ended(sample, GatewayMetrics.Selected.UNREAD, refusal);
        return respond(refusal);
    }

    private Either parseBody(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            return Either.error(GraphQlResponse.requestError(400, "BAD_REQUEST", "The request body is not valid JSON"));
        }
        if (root == null || !root.isObject()) {
            return Either.error(
                    GraphQlResponse.requestError(400, "BAD_REQUEST", "The request body must be a JSON object"));
        }
        JsonNode query = root.get("query");
        if (query == null || !query.isString() || query.asString().isBlank()) {
            return Either.error(GraphQlResponse.requestError(400, "BAD_REQUEST", "'query' must be a non-empty string"));
        }
        JsonNode operationName = root.get("operationName");
        if (operationName != null && !operationName.isNull() && !operationName.isString()) {
            return Either.error(GraphQlResponse.requestError(400, "BAD_REQUEST", "'operationName' must be a string"));
        }
        JsonNode variables = root.get("variables");
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            return Either.error(GraphQlResponse.requestError(400, "BAD_REQUEST", "'variables' must be a JSON object"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> variableMap =
                variables == null || variables.isNull() ? Map.of() : json.convertValue(variables, LinkedHashMap.class);
        return Either.request(new GraphQlRequest(
                query.asString(),
                operationName == null || operationName.isNull() ? null : operationName.asString(),
                variableMap));
    }

    private static Mono<ServerResponse> respond(GraphQlResponse response) {
        return ServerResponse.status(response.status())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(response.body());
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** Either a parsed request or the error response that replaces it. */
    private record Either(GraphQlRequest request, GraphQlResponse error) {
        static Either request(GraphQlRequest request) {
            return new Either(request, null);
        }

        static Either error(GraphQlResponse error) {
            return new Either(null, error);
        }

        <T> T fold(
                java.util.function.Function<GraphQlResponse, T> onError,
                java.util.function.Function<GraphQlRequest, T> onRequest) {
            return error != null ? onError.apply(error) : onRequest.apply(request);
        }
    }
}
