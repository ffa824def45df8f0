package com.stack.contracts.identity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The internal token the gateway signs for the requests it makes on its own behalf (composition's
 * {@code _service { sdl }} fetch), which the subgraphs accept beside the users' OIDC tokens. It is
 * an HS256 JWT over a secret that the gateway and every subgraph share; it names no user, so an
 * operation that acts for a user refuses it exactly as it refuses an anonymous request.
 */
public final class ServiceTokens {

    /** The {@code iss} claim: subgraphs pick the service-token validation by it. */
    public static final String ISSUER = "stack-gateway";
    /** The {@code sub} claim. */
    public static final String SUBJECT = "stack-gateway";
    /** The {@code aud} claim the subgraphs require. */
    public static final String AUDIENCE = "stack-subgraphs";
    /** How long one token is valid; the gateway reuses it until shortly before then. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);
    /** The configuration property (environment: {@code STACK_SERVICE_TOKEN_SECRET}) holding the shared secret. */
    public static final String SECRET_PROPERTY = "stack.security.service-token.secret";
    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    private ServiceTokens() {
    }

    /**
     * The secret's bytes (UTF-8), refusing a missing or short one with a message that says what to
     * set. The message never contains the secret.
     */
    public static byte[] secretKey(String secret) {
        byte[] bytes = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(SECRET_PROPERTY + " (environment STACK_SERVICE_TOKEN_SECRET) must be at least "
                    + MIN_SECRET_BYTES + " bytes: it signs HS256 service tokens between the gateway and the subgraphs"
                    + " (it has " + bytes.length + "). Set the same random value on the gateway and every service,"
                    + " for example from `openssl rand -base64 48`.");
        }
        return bytes;
    }
}
