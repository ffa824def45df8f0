package com.stack.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.stack.testsupport.ServiceTestProperties;
import com.stack.testsupport.TestIssuer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One loopback HTTP server per subgraph, standing in for the services: {@code /graphql} serves a
 * small federation SDL with one field, {@code <name>Greeting} (plus any types a test adds), and
 * answers any other operation with it; {@code /webhooks/**} answers with the subgraph's name. Every
 * request is recorded.
 */
final class StubSubgraphs implements AutoCloseable {

    static final List<String> NAMES = List.of("onboarding", "wallet", "funding", "investing", "aicfo");

    /** One request a stub received. */
    record Received(String subgraph, String method, String path, String authorization, String body) {

        boolean isSchemaFetch() {
            return body.contains("_service");
        }
    }

    private final Map<String, HttpServer> servers = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    StubSubgraphs() {
        this(Map.of());
    }

    /** @param extraSdl per subgraph name, more federation SDL for it to serve (escaped for a JSON string) */
    StubSubgraphs(Map<String, String> extraSdl) {
        for (String name : NAMES) {
            String sdl = sdl(name) + extraSdl.getOrDefault(name, "");
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/graphql", exchange -> {
                    String body = record(name, exchange);
                    respond(
                            exchange,
                            "application/json",
                            body.contains("_service")
                                    ? "{\"data\":{\"_service\":{\"sdl\":\"" + sdl + "\"}}}"
                                    : "{\"data\":{\"" + name + "Greeting\":\"hello from " + name + "\"}}");
                });
                server.createContext("/webhooks", exchange -> {
                    record(name, exchange);
                    respond(exchange, "text/plain", name);
                });
                server.start();
                servers.put(name, server);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Points a gateway under test at these stubs, and at {@code issuer} for the callers' tokens. */
    void register(DynamicPropertyRegistry registry, TestIssuer issuer) {
        ServiceTestProperties.registerIssuer(registry, issuer);
        for (String name : NAMES) {
            registry.add("STACK_" + name.toUpperCase() + "_URL", () -> url(name));
        }
    }

    /** The base URL of the named stub, as {@code STACK_<NAME>_URL} gives it to the gateway. */
    String url(String name) {
        return "http://127.0.0.1:" + servers.get(name).getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private static String sdl(String name) {
        return "extend schema @link(url: \\\"https://specs.apollo.dev/federation/v2.5\\\", import: [\\\"@key\\\"])\\n"
                + "type Query { " + name + "Greeting: String }";
    }

    private String record(String name, HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(
                name,
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                body));
        return body;
    }

    private static void respond(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        servers.values().forEach(server -> server.stop(0));
    }
}
