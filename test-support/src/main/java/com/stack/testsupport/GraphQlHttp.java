package com.stack.testsupport;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Raw GraphQL-over-HTTP requests, for what a GraphQL tester does not show: the status and the headers. */
public final class GraphQlHttp {

    /**
     * How long a call may take before the test fails: generous, because the first request to a fresh
     * context on a busy build machine (class loading, JIT, BlockHound instrumentation) can take longer
     * than WebTestClient's default of 5 seconds. A deadline, not a timing assertion.
     */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private GraphQlHttp() {}

    /** POSTs {@code query} to {@code graphQlUrl} with that bearer token (none if null). */
    public static WebTestClient.ResponseSpec post(String graphQlUrl, String bearerToken, String query) {
        return WebTestClient.bindToServer()
                .baseUrl(graphQlUrl)
                .responseTimeout(RESPONSE_TIMEOUT)
                .build()
                .post()
                .headers(headers -> {
                    if (bearerToken != null) {
                        headers.setBearerAuth(bearerToken);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", query))
                .exchange();
    }
}
