package com.stack.systemtests;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How the mobile app asks for a mutation that moves money: always under the same idempotency key, asked again when
 * the gateway answered a 5xx, nothing at all, that a subgraph is unavailable, or when to ask again ({@code retryAfter});
 * a 429 waits for the rate limit's next window. Any other error is the answer. Blocking: this is test code.
 */
final class MobileAppRetries {

    /** Codes of a GraphQL answer that says the gateway could not reach the subgraph. */
    static final Set<String> UNAVAILABLE_CODES = Set.of("SUBGRAPH_UNAVAILABLE", "SUPERGRAPH_UNAVAILABLE", "INTERNAL");

    /**
     * The answer: the id at the mutation's path, or why there is none; and how often it was asked again, by what the
     * gateway answered ("no answer", "429", or the HTTP status and error codes).
     */
    record Answer(String id, String refusal, Map<String, Integer> askedAgain) {

        int times() {
            return askedAgain.values().stream().mapToInt(Integer::intValue).sum();
        }

        int times(java.util.function.Predicate<String> answered) {
            return askedAgain.entrySet().stream()
                    .filter(e -> answered.test(e.getKey()))
                    .mapToInt(Map.Entry::getValue)
                    .sum();
        }
    }

    private MobileAppRetries() {}

    static Answer ask(GatewayClient client, String query, Map<String, Object> variables, String idPath, int attempts) {
        Map<String, Integer> again = new TreeMap<>();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            GatewayClient.Response response;
            try {
                response = client.graphQl(query, variables);
            } catch (RuntimeException e) {
                again.merge("no answer", 1, Integer::sum);
                WithdrawalBenchmark.pause(backoff(attempt));
                continue;
            }
            if (response.status() == 429) {
                // a fixed window per minute: the next one starts at the next whole minute
                again.merge("429", 1, Integer::sum);
                WithdrawalBenchmark.pause(Duration.ofMillis(60_000 - System.currentTimeMillis() % 60_000 + 500));
                continue;
            }
            String id = response.at(idPath);
            if (id != null) {
                return new Answer(id, null, again);
            }
            List<Map<?, ?>> extensions = response.errors().stream()
                    .<Map<?, ?>>map(error -> (Map<?, ?>) error.getOrDefault("extensions", Map.of()))
                    .toList();
            List<String> codes =
                    extensions.stream().map(e -> String.valueOf(e.get("code"))).toList();
            // BROKER_UNAVAILABLE: the broker unreachable, nothing held, ask again in retryAfter seconds
            Integer retryAfter = extensions.stream()
                    .map(e -> e.get("retryAfter"))
                    .filter(Number.class::isInstance)
                    .map(n -> ((Number) n).intValue())
                    .findFirst()
                    .orElse(null);
            if (retryAfter != null) {
                again.merge(response.status() + " " + codes + " retryAfter", 1, Integer::sum);
                WithdrawalBenchmark.pause(Duration.ofSeconds(Math.min(30, Math.max(1, retryAfter))));
                continue;
            }
            if (response.status() >= 500 || codes.stream().anyMatch(UNAVAILABLE_CODES::contains)) {
                again.merge(response.status() + " " + codes, 1, Integer::sum);
                WithdrawalBenchmark.pause(backoff(attempt));
                continue;
            }
            return new Answer(null, response.status() + " " + codes, again);
        }
        return new Answer(null, "no answer after " + attempts + " attempts", again);
    }

    static Duration backoff(int attempt) {
        return Duration.ofMillis(Math.min(5_000, 250L * attempt));
    }
}
