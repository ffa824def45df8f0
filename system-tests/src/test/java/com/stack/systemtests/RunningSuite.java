package com.stack.systemtests;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The suite as {@code ./stack up} runs it (every service its own process on its usual port), as the benchmarks
 * see it: the gateway, the sandbox, funding's database, a user made through the gateway, and the services'
 * liveness and heap after a run. Blocking: this is test code.
 */
final class RunningSuite {

    static final String GATEWAY = System.getProperty("stack.benchmark.gateway", "http://127.0.0.1:8080");
    static final String SANDBOX = System.getProperty("stack.benchmark.sandbox", "http://127.0.0.1:8090");
    static final String FUNDING = System.getProperty("stack.benchmark.funding", "http://127.0.0.1:8083");
    /** Every service's port, as {@code ./stack up} starts them. */
    static final int[] PORTS = {8080, 8081, 8082, 8083, 8084, 8085, 8090};

    static final int GATEWAY_MANAGEMENT_PORT = Integer.getInteger("stack.benchmark.gateway-management-port", 8180);
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private RunningSuite() {}

    static DatabaseClient fundingDb() {
        return DatabaseClient.create(new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host("127.0.0.1")
                .port(5432)
                .username(System.getProperty("stack.benchmark.db-user", "postgres"))
                .database(System.getProperty("stack.benchmark.funding-db", "stack_funding"))
                .build()));
    }

    /** A client of the gateway for a new subject, signed up and with KYC submitted (the sandbox approves it). */
    static GatewayClient signedUpUser(WebClient sandbox) {
        Map<String, Object> token = sandbox.post()
                .uri("/oidc/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", "bench-" + UUID.randomUUID(), "email", "bench@example.com"))
                .retrieve()
                .bodyToMono(JSON)
                .block();
        GatewayClient client = new GatewayClient(GATEWAY, (String) token.get("access_token"));
        String email = UUID.randomUUID() + "@example.com";
        answered(
                () -> client.graphQl("mutation($e: String!) { signUp(input: {email: $e}) { id } }", Map.of("e", email)),
                "signUp");
        answered(() -> client.graphQl("""
                mutation { submitKyc(input: {firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1990-12-10",
                  country: "GB", documentNumber: "D1234567"}) { kycStatus } }"""), "submitKyc");
        return client;
    }

    /** The addresses of the client's two wallets by chain (ETHEREUM, SOLANA), once both are ACTIVE. */
    static Map<String, String> activeWallets(GatewayClient client) {
        List<Map<String, Object>> wallets = org.awaitility.Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> client.graphQl("{ me { wallets { chain address status } } }")
                                .<List<Map<String, Object>>>at("me.wallets"),
                        found -> found != null
                                && found.size() == 2
                                && found.stream().allMatch(w -> "ACTIVE".equals(w.get("status"))));
        Map<String, String> byChain = new java.util.HashMap<>();
        wallets.forEach(wallet -> byChain.put((String) wallet.get("chain"), (String) wallet.get("address")));
        if (!byChain.keySet().equals(java.util.Set.of("ETHEREUM", "SOLANA"))) {
            throw new IllegalStateException("not one wallet per chain: " + wallets);
        }
        return byChain;
    }

    /**
     * Asks until the gateway answers without an error (both calls are idempotent: signUp per subject, and a
     * repeated submitKyc is KYC_IN_PROGRESS or KYC_ALREADY_APPROVED, taken as done); a freshly started suite
     * answers SUBGRAPH_UNAVAILABLE while its JVMs warm up.
     */
    private static void answered(java.util.function.Supplier<GatewayClient.Response> call, String what) {
        List<Object> codes = List.of();
        for (int attempt = 1; attempt <= 10; attempt++) {
            GatewayClient.Response response;
            try {
                response = call.get();
            } catch (RuntimeException e) {
                codes = List.of(e.toString());
                pause(attempt);
                continue;
            }
            codes = response.errors().stream()
                    .map(error -> (Object) ((Map<?, ?>) error.getOrDefault("extensions", Map.of())).get("code"))
                    .toList();
            boolean done =
                    codes.isEmpty() || codes.contains("KYC_IN_PROGRESS") || codes.contains("KYC_ALREADY_APPROVED");
            if (response.status() < 500 && done) {
                return;
            }
            pause(attempt);
        }
        throw new IllegalStateException(what + " did not go through: " + codes);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(500L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Prints every service's liveness and heap in use (each runs with ./stack up's 256 MB heap and exits on OOM). */
    static void reportServiceHealth() {
        for (int port : PORTS) {
            WebClient service = WebClient.create("http://127.0.0.1:" + port);
            String health = service.get()
                    .uri("/actuator/health/liveness")
                    .retrieve()
                    .bodyToMono(String.class)
                    .onErrorResume(e -> Mono.just("DOWN: " + e))
                    .block();
            // the gateway serves its metrics on its management port only
            WebClient metrics =
                    port == 8080 ? WebClient.create("http://127.0.0.1:" + GATEWAY_MANAGEMENT_PORT) : service;
            Long heap = metrics.get()
                    .uri("/actuator/prometheus")
                    .retrieve()
                    .bodyToMono(String.class)
                    .map(text -> java.util.Arrays.stream(text.split("\n"))
                            .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                            .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                            .sum())
                    .map(bytes -> (long) (bytes / (1024 * 1024)))
                    .onErrorResume(e -> Mono.empty())
                    .block();
            System.out.printf(
                    "  port %d: liveness %s, heap used now %s MB%n",
                    port, health.contains("UP") ? "UP" : health, heap == null ? "?" : heap);
        }
    }

    /** The p-th percentile (0..1) of {@code values}; -1 when there are none. */
    static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)));
    }

    static final Duration WITHIN = Duration.ofSeconds(30);
}
