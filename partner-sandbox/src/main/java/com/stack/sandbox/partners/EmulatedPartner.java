package com.stack.sandbox.partners;

import org.springframework.http.HttpStatusCode;

/**
 * One partner API the sandbox emulates, as the generic machinery (API key check, fault injection)
 * sees it: a name, the base path it is served under, its API key and its error format. Each partner
 * package declares one as a bean; {@link EmulatedPartners} collects them.
 *
 * @param name     the partner's name in the control API, such as "circle"
 * @param basePath the path prefix of its API, such as "/circle"; everything below it belongs to the partner
 * @param apiKey   the key callers send as {@code Authorization: Bearer <apiKey>}
 * @param errors   how the partner words its errors
 */
public record EmulatedPartner(String name, String basePath, String apiKey, ErrorFormat errors) {

    public EmulatedPartner {
        if (!basePath.startsWith("/") || basePath.endsWith("/")) {
            throw new IllegalArgumentException("A base path starts with '/' and does not end with one: " + basePath);
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("The " + name + " sandbox needs an API key");
        }
    }

    /** The partner's error bodies, serialised as JSON. */
    public interface ErrorFormat {

        /** The body of a 401 for a missing or wrong API key. */
        Object unauthorized(String message);

        /** The body the partner sends with {@code status} when something outside the request failed (a 5xx, a 429). */
        Object failure(HttpStatusCode status);
    }
}
