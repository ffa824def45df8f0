package com.stack.sandbox.drivewealth.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.stack.sandbox.drivewealth.domain.DriveWealthException;
import com.stack.sandbox.partners.SandboxIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * DriveWealth's sessions: {@code POST /auth/tokens} trades the app key and the client credentials for
 * an opaque bearer token, accepted with the app key on every other call until it expires. Tokens are
 * held in memory; a restart forgets them (get a new one).
 */
@Service
public class AccessTokens {

    private static final String BEARER = "Bearer ";

    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final DriveWealthProperties properties;
    private final Clock clock;

    @Autowired
    public AccessTokens(DriveWealthProperties properties) {
        this(properties, Clock.systemUTC());
    }

    public AccessTokens(DriveWealthProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** @param expiresIn seconds */
    public record Issued(String accessToken, long expiresIn) {}

    /**
     * A new token for the right app key and client credentials.
     *
     * @throws DriveWealthException 401 L075 otherwise
     */
    public Issued issue(String appKey, String clientId, String clientSecret) {
        if (!sameSecret(appKey, properties.appKey())) {
            throw DriveWealthException.unauthorized("Missing or invalid dw-client-app-key header");
        }
        if (!sameSecret(clientId, properties.clientId()) || !sameSecret(clientSecret, properties.clientSecret())) {
            throw DriveWealthException.unauthorized("Invalid clientID or clientSecret");
        }
        Instant now = clock.instant();
        expiries.values().removeIf(expiry -> !now.isBefore(expiry));
        // opaque and unique, not secret material: the sandbox protects nothing
        String token = SandboxIds.uuid().toString().replace("-", "")
                + SandboxIds.uuid().toString().replace("-", "");
        expiries.put(token, now.plus(properties.tokenLifetime()));
        return new Issued(token, properties.tokenLifetime().toSeconds());
    }

    /**
     * Why a call with these headers is refused, as the message of a 401 L075; empty when the app key is
     * right and the bearer token is one of ours and not expired.
     */
    public Optional<String> refusal(String appKey, String authorization) {
        if (!sameSecret(appKey, properties.appKey())) {
            return Optional.of("Missing or invalid dw-client-app-key header");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of("Missing session: send 'Authorization: Bearer <access_token>' from POST /auth/tokens");
        }
        Instant expiry = expiries.get(authorization.substring(BEARER.length()).trim());
        if (expiry == null || !clock.instant().isBefore(expiry)) {
            return Optional.of("The session is invalid or has expired");
        }
        return Optional.empty();
    }

    private static boolean sameSecret(String presented, String expected) {
        return presented != null
                && MessageDigest.isEqual(
                        presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
