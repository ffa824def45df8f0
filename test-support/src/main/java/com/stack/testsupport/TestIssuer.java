package com.stack.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.stack.contracts.identity.ServiceTokens;
import com.sun.net.httpserver.HttpServer;

/**
 * A real OIDC-style token issuer for tests: serves its JWKS over HTTP on a loopback port and signs
 * RS256 tokens, so services validate tokens exactly as in production (fetching keys by URL). It also
 * holds a service-token secret of its own and signs the gateway's HS256 service tokens with it
 * ({@link ServiceTokens}), and makes the bad tokens a test needs: forged, unsigned, from another
 * issuer, for another audience, expired.
 *
 * <p>Register it with {@link ServiceTestProperties#register} so that a service trusts exactly it.
 */
public final class TestIssuer implements AutoCloseable {

    /** The audience of every user token, as the partner sandbox's issuer sets it: the STACK API. */
    public static final String AUDIENCE = "stack-api";

    private final RSAKey key;
    private final String serviceTokenSecret;
    private final HttpServer server;
    private RSAKey forgeryKey;

    public TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] secret = new byte[48];
        new SecureRandom().nextBytes(secret);
        serviceTokenSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] jwks = keySet().getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(jwks);
            }
        });
        server.start();
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
    }

    /** The public key set this issuer serves at {@link #jwksUri()}, as JSON. */
    public String keySet() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    // --- user tokens ---

    public String token(String subject, String email) {
        return token(subject, email, Instant.now().plusSeconds(3600));
    }

    public String token(String subject, String email, Instant expiresAt) {
        return sign(claims(subject)
                .claim("email", email)
                .expirationTime(Date.from(expiresAt))
                .build());
    }

    /**
     * The claims of a valid user token for {@code subject} (this issuer, audience {@link #AUDIENCE},
     * issued now, valid for an hour), to adjust before {@link #sign}, {@link #forge} or {@link #unsigned}.
     */
    public JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject(subject)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }

    /** Signs the claims with the key this issuer publishes (RS256). */
    public String sign(JWTClaimsSet claims) {
        return signRs256(key, claims);
    }

    /**
     * Signs the claims with a key this issuer never published, under the published key's id: a
     * forgery that names the right issuer and key.
     */
    public synchronized String forge(JWTClaimsSet claims) {
        if (forgeryKey == null) {
            try {
                forgeryKey = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return signRs256(forgeryKey, claims);
    }

    /** The claims as an unsecured JWT ({@code "alg": "none"}). */
    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /**
     * Every kind of bad token the gateway and the subgraphs must refuse with 401, by a description
     * for the test's report: forged, unsigned, expired, from another issuer or for another audience,
     * and service tokens that are expired, unsigned, for another audience or signed with another
     * secret, and a user's claims signed with the service secret.
     */
    public Map<String, String> invalidTokens(String subject) {
        Instant tenMinutesAgo = Instant.now().minusSeconds(600);
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("not a JWT", "not-a-jwt");
        tokens.put("a valid token with a tampered signature", token(subject, null) + "x");
        tokens.put(
                "a token signed by a key the issuer never published",
                forge(claims(subject).build()));
        tokens.put("an unsigned token (alg none)", unsigned(claims(subject).build()));
        tokens.put(
                "an expired token",
                sign(claims(subject)
                        .issueTime(Date.from(tenMinutesAgo.minusSeconds(3600)))
                        .expirationTime(Date.from(tenMinutesAgo))
                        .build()));
        tokens.put(
                "a token from another issuer",
                sign(claims(subject).issuer("https://issuer.example.com/").build()));
        tokens.put(
                "a token for another audience",
                sign(claims(subject).audience("another-api").build()));
        tokens.put(
                "a service token signed with another secret",
                signServiceToken(serviceClaims().build(), "another-secret-of-at-least-thirty-two-bytes"));
        tokens.put(
                "an expired service token",
                signServiceToken(
                        serviceClaims()
                                .issueTime(Date.from(tenMinutesAgo.minusSeconds(60)))
                                .expirationTime(Date.from(tenMinutesAgo))
                                .build(),
                        serviceTokenSecret));
        tokens.put(
                "a service token for another audience",
                signServiceToken(serviceClaims().audience(AUDIENCE).build(), serviceTokenSecret));
        tokens.put(
                "an unsigned service token (alg none)", unsigned(serviceClaims().build()));
        tokens.put(
                "a user's claims signed with the service secret",
                signServiceToken(claims(subject).build(), serviceTokenSecret));
        return tokens;
    }

    // --- the gateway's service tokens ---

    /** The secret a service under test must trust service tokens by ({@code stack.security.service-token.secret}). */
    public String serviceTokenSecret() {
        return serviceTokenSecret;
    }

    /** A valid service token, as the gateway signs it for its own requests. */
    public String serviceToken() {
        return signServiceToken(serviceClaims().build(), serviceTokenSecret);
    }

    /** The claims of a valid service token (see {@link ServiceTokens}), to adjust before {@link #signServiceToken}. */
    public static JWTClaimsSet.Builder serviceClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ServiceTokens.ISSUER)
                .subject(ServiceTokens.SUBJECT)
                .audience(ServiceTokens.AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ServiceTokens.LIFETIME)));
    }

    /** Signs the claims HS256 with {@code secret} (at least 32 bytes). */
    public static String signServiceToken(JWTClaimsSet claims, String secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signRs256(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(signingKey.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
