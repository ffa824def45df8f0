package com.stack.defaults.resilience;

import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Mono;

/**
 * How a partner adapter reads a partner's error answer: whether the status may pass if asked again, and a
 * short description of the partner's error body for the adapter's own exception (the body itself never
 * leaves the adapter).
 */
public final class PartnerErrors {

    static final int MAX_MESSAGE = 200;

    private PartnerErrors() {}

    /** 5xx and 429 may pass when asked again; every other error status is the partner's answer for good. */
    public static boolean isTransient(int status) {
        return status >= 500 || status == HttpStatus.TOO_MANY_REQUESTS.value();
    }

    /**
     * {@code " (<what describe says>)"} from the response's error body, or {@code ""} when the body is empty
     * or not the partner's error format.
     */
    public static <B> Mono<String> describe(ClientResponse response, Class<B> errorBody, Function<B, String> describe) {
        return response.bodyToMono(errorBody)
                .map(body -> " (" + describe.apply(body) + ")")
                .onErrorReturn("")
                .defaultIfEmpty("");
    }

    /** A partner's message cut to a length fit for a log line and an exception. */
    public static String abbreviated(String text) {
        return text == null ? "" : text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text;
    }
}
