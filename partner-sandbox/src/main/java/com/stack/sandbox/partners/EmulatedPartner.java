package com.stack.sandbox.partners;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * One partner API the sandbox emulates, as the generic machinery (API key check, fault injection)
 * sees it: a name, the base path it is served under, its API key, its error format and how it checks
 * credentials. Each partner
 * package declares one as a bean; {@link EmulatedPartners} collects them.
 *
 * @param name        the partner's name in the control API, such as "circle"
 * @param basePath    the path prefix of its API, such as "/circle"; everything below it belongs to the partner
 * @param apiKey      the key callers send as {@code Authorization: Bearer <apiKey>}
 * @param errors      how the partner words its errors
 * @param credentials how the partner checks a request's credentials; {@link Credentials#bearer} of
 *                    {@code apiKey} unless the partner authenticates otherwise (Basic auth, extra headers)
 */
public record EmulatedPartner(
        String name, String basePath, String apiKey, ErrorFormat errors, Credentials credentials) {

    /** A partner that wants {@code Authorization: Bearer <apiKey>}. */
    public EmulatedPartner(String name, String basePath, String apiKey, ErrorFormat errors) {
        this(name, basePath, apiKey, errors, Credentials.bearer(apiKey));
    }

    public EmulatedPartner {
        if (!basePath.startsWith("/") || basePath.endsWith("/")) {
            throw new IllegalArgumentException("A base path starts with '/' and does not end with one: " + basePath);
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("The " + name + " sandbox needs an API key");
        }
        if (credentials == null) {
            throw new IllegalArgumentException("The " + name + " sandbox needs a credentials check");
        }
    }

    /** The partner's error bodies, serialised as JSON. */
    public interface ErrorFormat {

        /** The body of a 401 for a missing or wrong API key. */
        Object unauthorized(String message);

        /** The body the partner sends with {@code status} when something outside the request failed (a 5xx, a 429). */
        Object failure(HttpStatusCode status);
    }

    /** How a partner checks the credentials of a request to its API (before it reads the request). */
    @FunctionalInterface
    public interface Credentials {

        /**
         * Empty when the request may pass; otherwise the message of the partner's 401. Quick and
         * non-blocking: it runs on the event loop.
         *
         * @param relativePath the path below the partner's base path (a token endpoint may be open)
         */
        Optional<String> refusal(HttpHeaders headers, String relativePath);

        /** {@code Authorization: Bearer <apiKey>}, the scheme case-insensitive. */
        static Credentials bearer(String apiKey) {
            return (headers, relativePath) -> {
                String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
                if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length())) {
                    return Optional.of("Malformed authorization. Send 'Authorization: Bearer <API key>'.");
                }
                return sameSecret(authorization.substring("Bearer ".length()).trim(), apiKey)
                        ? Optional.empty()
                        : Optional.of("Invalid credentials.");
            };
        }

        /** Compared in constant time, as a real API compares secrets. */
        static boolean sameSecret(String presented, String expected) {
            return MessageDigest.isEqual(
                    presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
        }
    }
}
