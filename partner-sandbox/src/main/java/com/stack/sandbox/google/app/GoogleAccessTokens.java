package com.stack.sandbox.google.app;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.stack.sandbox.google.domain.OAuthException;
import com.stack.sandbox.partners.SandboxIds;

/**
 * Google's OAuth 2.0 token endpoint for service accounts (the JWT bearer grant, RFC 7523): a service signs an
 * assertion {@code {iss: client_email, scope, aud: token_uri, iat, exp}} with the account's private key (RS256)
 * and trades it for an opaque access token. Here the signature is checked against the one service account's
 * public key, and iss, aud, scope and the time window as Google checks them (exp at most an hour after iat,
 * a few minutes of clock skew). Issued tokens live in memory until they expire.
 */
public class GoogleAccessTokens {

    public static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    public static final String FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    /** Google's broad scope also covers FCM. */
    public static final String CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    static final Duration SKEW = Duration.ofMinutes(5);
    static final Duration MAX_ASSERTION_LIFETIME = Duration.ofHours(1);
    private static final String BEARER = "Bearer ";
    private static final String SHORT_LIVED = "Invalid JWT: Token must be a short-lived token (60 minutes) and in a "
            + "reasonable timeframe. Check your iat and exp values in the JWT claim.";

    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final ServiceAccount account;
    private final TokenEndpointLocation tokenEndpoint;
    private final GoogleSandboxProperties properties;
    private final Clock clock;
    private final RSASSAVerifier verifier;

    public GoogleAccessTokens(
            ServiceAccount account,
            TokenEndpointLocation tokenEndpoint,
            GoogleSandboxProperties properties,
            Clock clock) {
        this.account = account;
        this.tokenEndpoint = tokenEndpoint;
        this.properties = properties;
        this.clock = clock;
        this.verifier = new RSASSAVerifier(account.publicKey());
    }

    /** @param expiresIn seconds */
    public record Issued(String accessToken, long expiresIn) {}

    /**
     * An access token for a valid assertion.
     *
     * @throws OAuthException (400) for a wrong grant type, an assertion that is no RS256 JWT, a bad signature, an
     *                        unknown issuer, a wrong audience or scope, or a time window that is off
     */
    public Issued issue(String grantType, String assertion) {
        if (!JWT_BEARER.equals(grantType)) {
            throw new OAuthException(
                    "unsupported_grant_type", "Invalid grant_type: " + (grantType == null ? "" : grantType));
        }
        if (assertion == null || assertion.isBlank()) {
            throw new OAuthException("invalid_request", "Missing required parameter: assertion");
        }
        JWTClaimsSet claims = verified(assertion);
        if (!account.clientEmail().equals(claims.getIssuer())) {
            throw OAuthException.invalidGrant("Invalid grant: account not found");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || audience.size() != 1 || !tokenEndpoint.uri().equals(audience.get(0))) {
            throw OAuthException.invalidGrant(
                    "Invalid JWT: Failed audience check. The right audience is " + tokenEndpoint.uri());
        }
        if (!grantsFcm(claims)) {
            throw new OAuthException("invalid_scope", "Invalid OAuth scope or ID token audience provided.");
        }
        Instant now = clock.instant();
        Date issuedAt = claims.getIssueTime();
        Date expiresAt = claims.getExpirationTime();
        if (issuedAt == null
                || expiresAt == null
                || issuedAt.toInstant().isAfter(now.plus(SKEW))
                || !expiresAt.toInstant().isAfter(now.minus(SKEW))
                || Duration.between(issuedAt.toInstant(), expiresAt.toInstant()).compareTo(MAX_ASSERTION_LIFETIME) > 0
                || !expiresAt.toInstant().isAfter(issuedAt.toInstant())) {
            throw OAuthException.invalidGrant(SHORT_LIVED);
        }
        expiries.values().removeIf(expiry -> !now.isBefore(expiry));
        // opaque, in the shape of Google's ("ya29." and more), not secret material: the sandbox protects nothing
        String token = "ya29." + SandboxIds.uuid().toString().replace("-", "")
                + SandboxIds.uuid().toString().replace("-", "");
        expiries.put(token, now.plus(properties.tokenLifetime()));
        return new Issued(token, properties.tokenLifetime().toSeconds());
    }

    /** Whether {@code Authorization} carries one of our access tokens that has not expired. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        Instant expiry = expiries.get(authorization.substring(BEARER.length()).trim());
        return expiry != null && clock.instant().isBefore(expiry);
    }

    private JWTClaimsSet verified(String assertion) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(assertion.trim());
        } catch (ParseException e) {
            throw OAuthException.invalidGrant("Invalid JWT: the assertion is not a signed JWT");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw OAuthException.invalidGrant("Invalid JWT: the assertion must be signed with RS256");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw OAuthException.invalidGrant("Invalid JWT Signature.");
            }
            return jwt.getJWTClaimsSet();
        } catch (JOSEException | ParseException e) {
            throw OAuthException.invalidGrant("Invalid JWT Signature.");
        }
    }

    private static boolean grantsFcm(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        if (!(scope instanceof String scopes)) {
            return false;
        }
        for (String one : scopes.trim().split("\\s+", -1)) {
            if (one.equals(FCM_SCOPE) || one.equals(CLOUD_PLATFORM_SCOPE)) {
                return true;
            }
        }
        return false;
    }
}
