package com.stack.contracts.identity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The internal token a STACK service signs for the requests it makes on its own behalf (the gateway's
 * composition fetch of {@code _service { sdl }}, aicfo's read of a user's portfolio from investing's
 * {@code /internal/**} API), which the subgraphs accept beside the users' OIDC tokens. It is an HS256 JWT
 * over a secret that the gateway and every service share ({@link ServiceTokenIssuer} signs it); it names
 * no user, so an operation that acts for a user refuses it exactly as it refuses an anonymous request.
 *
 * <p>Every service signs with the same {@code iss} and {@code aud} (the values the subgraphs have always
 * checked, so a token from any service passes the same validation); {@code sub} and {@code azp} name the
 * service that signed it.
 */
public final class ServiceTokens {

    /**
     * The {@code iss} claim of every service token, whichever service signs it: subgraphs pick the
     * service-token validation by it. (It is the gateway's name because the gateway signed the first
     * ones; changing it would make subgraphs not yet redeployed refuse the tokens.)
     */
    public static final String ISSUER = "stack-gateway";
    /** The gateway's service name: {@code sub} and {@code azp} of the tokens it signs. */
    public static final String SUBJECT = "stack-gateway";
    /** The claim naming the service that signed the token (OIDC's "authorized party"), equal to {@code sub}. */
    public static final String SIGNER_CLAIM = "azp";
    /** The {@code aud} claim the subgraphs require. */
    public static final String AUDIENCE = "stack-subgraphs";
    /** How long one token is valid; the signer reuses it until shortly before then. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);
    /** The configuration property (environment: {@code STACK_SERVICE_TOKEN_SECRET}) holding the shared secret. */
    public static final String SECRET_PROPERTY = "stack.security.service-token.secret";
    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    private ServiceTokens() {}

    /**
     * The secret's bytes (UTF-8), refusing a missing or short one with a message that says what to
     * set. The message never contains the secret.
     */
    public static byte[] secretKey(String secret) {
        byte[] bytes = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(SECRET_PROPERTY
                    + " (environment STACK_SERVICE_TOKEN_SECRET) must be at least "
                    + MIN_SECRET_BYTES + " bytes: it signs HS256 service tokens between the gateway and the services"
                    + " (it has " + bytes.length + "). Set the same random value on the gateway and every service,"
                    + " for example from `openssl rand -base64 48`.");
        }
        return bytes;
    }
}
