package com.stack.defaults.errors;

import java.nio.charset.StandardCharsets;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * A request body larger than the server's buffer ({@code spring.codec.max-in-memory-size}) is the client's fault:
 * {@code 413} with a GraphQL-shaped {@code REQUEST_TOO_LARGE} error, as the gateway answers, instead of the
 * {@code 500} the codec's {@link DataBufferLimitException} otherwise becomes. Nothing of the body was decoded.
 * Ordered before Spring Boot's error handler ({@code -1}).
 */
@Order(-2)
public class RequestTooLargeHandler implements WebExceptionHandler {

    private static final byte[] BODY = ("{\"errors\":[{\"message\":\"The request body is too large\","
                    + "\"extensions\":{\"code\":\"REQUEST_TOO_LARGE\"}}]}")
            .getBytes(StandardCharsets.UTF_8);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (!causedByLimit(failure) || exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        exchange.getResponse().setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
        DataBuffer body = exchange.getResponse().bufferFactory().wrap(BODY);
        return exchange.getResponse().writeWith(Mono.just(body));
    }

    private static boolean causedByLimit(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataBufferLimitException) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
