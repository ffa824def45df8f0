package com.stack.gateway.federation.execute;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Sends one GraphQL request to one subgraph: with the caller's bearer token, a timeout and a
 * circuit breaker per subgraph (a subgraph that keeps failing is not waited on by every request),
 * counted and timed per subgraph and outcome. Queries are not retried here: a retry could repeat a
 * mutation, and the client can retry a query itself.
 */
public class SubgraphClient {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};

    private final WebClient webClient;
    private final Duration timeout;
    private final MeterRegistry meters;
    private final CircuitBreakerRegistry circuitBreakers;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    public SubgraphClient(
            WebClient webClient, Duration timeout, MeterRegistry meters, CircuitBreakerRegistry circuitBreakers) {
        this.webClient = webClient;
        this.timeout = timeout;
        this.meters = meters;
        this.circuitBreakers = circuitBreakers;
    }

    /** The subgraph's response body ({@code data} and/or {@code errors}), or an error if it could not answer. */
    public Mono<Map<String, Object>> execute(
            String subgraph, String url, String query, Map<String, Object> variables, String authorization) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        if (!variables.isEmpty()) {
            body.put("variables", variables);
        }
        CircuitBreaker breaker = circuitBreaker(subgraph);
        Timer.Sample sample = Timer.start(meters);
        return webClient
                .post()
                .uri(url)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON, MediaType.parseMediaType("application/graphql-response+json"))
                .headers(headers -> {
                    if (authorization != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                })
                .bodyValue(body)
                .retrieve()
                .onStatus(
                        status -> !status.is2xxSuccessful(),
                        response -> response.releaseBody()
                                .then(Mono.error(new SubgraphUnavailableException(
                                        subgraph,
                                        "answered HTTP " + response.statusCode().value()))))
                .bodyToMono(JSON_OBJECT)
                .switchIfEmpty(
                        Mono.error(() -> new SubgraphUnavailableException(subgraph, "answered with an empty body")))
                .timeout(timeout)
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .doOnSuccess(ok -> record(sample, subgraph, "success"))
                .doOnError(e -> record(sample, subgraph, "error"))
                .onErrorMap(
                        e -> !(e instanceof SubgraphUnavailableException),
                        e -> new SubgraphUnavailableException(subgraph, describe(e)));
    }

    /** The subgraph's circuit breaker, shared by its HTTP requests and its subscriptions' connections. */
    public CircuitBreaker circuitBreaker(String subgraph) {
        return breakers.computeIfAbsent(subgraph, name -> circuitBreakers.circuitBreaker("subgraph-" + name));
    }

    private void record(Timer.Sample sample, String subgraph, String outcome) {
        sample.stop(meters.timer("stack.gateway.subgraph.requests", "subgraph", subgraph, "outcome", outcome));
    }

    private static String describe(Throwable e) {
        if (e instanceof java.util.concurrent.TimeoutException) {
            return "did not answer in time";
        }
        if (e instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException) {
            return "is failing repeatedly (circuit open)";
        }
        return "could not be reached";
    }

    /** A subgraph gave no usable answer: down, timed out, non-2xx or not GraphQL. */
    public static class SubgraphUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String subgraph;

        public SubgraphUnavailableException(String subgraph, String problem) {
            super("Subgraph '" + subgraph + "' " + problem, null, false, false);
            this.subgraph = subgraph;
        }

        public String subgraph() {
            return subgraph;
        }
    }
}
