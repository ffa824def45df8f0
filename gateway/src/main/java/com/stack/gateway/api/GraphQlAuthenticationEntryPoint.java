package com.stack.gateway.api;

import com.stack.gateway.federation.protocol.GraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer to a request without a valid access token: 401, a {@code WWW-Authenticate: Bearer}
 * challenge (RFC 6750) and a GraphQL-shaped body, so a client handles it like any other GraphQL
 * error: {@code {"errors":[{"message":"...","extensions":{"code":"UNAUTHENTICATED"}}]}}. The message
 * says what is wrong (no token, expired, wrong issuer or audience, bad signature) and nothing more. Counted as a
 * refused request ({@link GatewayMetrics}: its body is not read, so its operation is {@code anonymous} and its type
 * {@code unknown}).
 */
public class GraphQlAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    static final String REALM = "stack";

    private final JsonMapper json;
    private final GatewayMetrics metrics;

    public GraphQlAuthenticationEntryPoint(JsonMapper json, GatewayMetrics metrics) {
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        Refusal refusal = Refusal.of(failure);
        GraphQlResponse answer =
                GraphQlResponse.requestError(HttpStatus.UNAUTHORIZED.value(), "UNAUTHENTICATED", refusal.message());
        if (GraphQlWebSocketUpgrade.PATH.equals(exchange.getRequest().getPath().value())) {
            metrics.ended(metrics.start(), GatewayMetrics.Selected.UNREAD, answer);
        }
        byte[] body = json.writeValueAsBytes(answer.body());
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, refusal.challenge());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return response.writeWith(
                Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    /** Why the request was refused: the OAuth error code (null when no token was sent) and a message for people. */
    record Refusal(String errorCode, String message) {

        static Refusal of(AuthenticationException failure) {
            if (!(failure instanceof OAuth2AuthenticationException oauth)) {
                return new Refusal(null, "Sign in first: send your access token as 'Authorization: Bearer <token>'");
            }
            String code = oauth.getError().getErrorCode();
            if (OAuth2ErrorCodes.INVALID_REQUEST.equals(code)) {
                return new Refusal(code, "The Authorization header is malformed: send 'Authorization: Bearer <token>'");
            }
            return new Refusal(OAuth2ErrorCodes.INVALID_TOKEN, invalidTokenMessage(oauth));
        }

        private static String invalidTokenMessage(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof JwtValidationException invalid) {
                    for (OAuth2Error error : invalid.getErrors()) {
                        String description = String.valueOf(error.getDescription());
                        if (description.contains("expired")) {
                            return "The access token has expired: sign in again";
                        }
                        if (description.contains("iss claim")) {
                            return "The access token was issued by an issuer this API does not trust";
                        }
                        if (description.contains("aud claim")) {
                            return "The access token is meant for another API";
                        }
                    }
                }
            }
            return "The access token is not valid: it is malformed or its signature does not verify";
        }

        String challenge() {
            return errorCode == null
                    ? "Bearer realm=\"" + REALM + "\""
                    : "Bearer realm=\"" + REALM + "\", error=\"" + errorCode + "\", error_description=\"" + message
                            + "\"";
        }
    }
}
