package com.stack.testsupport;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Raw GraphQL-over-HTTP requests, for what a GraphQL tester does not show: the status and the headers. */
public final class GraphQlHttp {

    private GraphQlHttp() {
    }

    /** POSTs {@code query} to {@code graphQlUrl} with that bearer token (none if null). */
    public static WebTestClient.ResponseSpec post(String graphQlUrl, String bearerToken, String query) {
        return WebTestClient.bindToServer().baseUrl(graphQlUrl).build().post()
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
