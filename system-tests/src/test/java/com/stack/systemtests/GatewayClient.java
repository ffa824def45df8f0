package com.stack.systemtests;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/** Sends GraphQL over HTTP to the gateway, as the mobile app does. Blocking: this is test code. */
public final class GatewayClient {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private final WebClient client;
    private final String token;

    public GatewayClient(String baseUrl, String token) {
        this.client = WebClient.builder()
                .baseUrl(baseUrl)
                .codecs(c -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .build();
        this.token = token;
    }

    /** The bearer token this client sends. */
    public String token() {
        return token;
    }

    public Response graphQl(String query) {
        return graphQl(query, Map.of());
    }

    public Response graphQl(String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return post(body);
    }

    public Response post(Object body) {
        return post(body, MediaType.APPLICATION_JSON);
    }

    public Response post(Object body, MediaType contentType) {
        return client.post()
                .uri("/graphql")
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .contentType(contentType)
                .bodyValue(body)
                .exchangeToMono(response -> response.bodyToMono(JSON)
                        .defaultIfEmpty(Map.of())
                        .map(json -> new Response(response.statusCode().value(), json)))
                .block(Duration.ofSeconds(30));
    }

    /** Status and JSON body of one response. */
    public record Response(int status, Map<String, Object> body) {

        @SuppressWarnings("unchecked")
        public <T> T at(String path) {
            Object current = body.get("data");
            for (String part : path.split("\\.")) {
                if (current instanceof Map<?, ?> map) {
                    current = map.get(part);
                } else if (current instanceof java.util.List<?> list) {
                    current = list.get(Integer.parseInt(part));
                } else {
                    return null;
                }
            }
            return (T) current;
        }

        @SuppressWarnings("unchecked")
        public java.util.List<Map<String, Object>> errors() {
            Object errors = body.get("errors");
            return errors == null ? java.util.List.of() : (java.util.List<Map<String, Object>>) errors;
        }
    }
}
