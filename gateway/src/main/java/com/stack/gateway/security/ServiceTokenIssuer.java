package com.stack.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.stack.contracts.identity.ServiceTokens;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Signs the gateway's service token ({@link ServiceTokens}: HS256, issuer and subject
 * {@code stack-gateway}, audience {@code stack-subgraphs}, valid for 60 seconds) for the requests the
 * gateway makes on its own behalf, such as fetching the subgraphs' schemas. A user's request never
 * carries it: those forward the user's own token. One token is reused until {@link #REFRESH_MARGIN}
 * before it expires, so a subgraph never receives one that expires in flight.
 */
public class ServiceTokenIssuer {

    static final Duration REFRESH_MARGIN = Duration.ofSeconds(15);

    private final MACSigner signer;
    private final Clock clock;
    private final AtomicReference<IssuedToken> current = new AtomicReference<>();

    /** Fails with a message naming the property when the secret is missing or shorter than 32 bytes. */
    public ServiceTokenIssuer(String secret, Clock clock) {
        try {
            this.signer = new MACSigner(ServiceTokens.secretKey(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign service tokens: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    /** The value of the {@code Authorization} header for the gateway's own requests: {@code Bearer <token>}. */
    public Mono<String> authorization() {
        return Mono.defer(() -> {
            IssuedToken token = current.get();
            if (token != null && clock.instant().isBefore(token.refreshAt())) {
                return Mono.just(token.authorization());
            }
            // HMAC is cheap, but the JVM's first one looks up and initialises its JCA provider (class
            // loading, reading jars): signed off the event loop, once per token lifetime at most
            return Mono.fromCallable(this::issue)
                    .subscribeOn(Schedulers.boundedElastic())
                    .map(issued -> {
                        current.set(issued);
                        return issued.authorization();
                    });
        });
    }

    private IssuedToken issue() throws JOSEException {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ServiceTokens.LIFETIME);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ServiceTokens.ISSUER)
                .subject(ServiceTokens.SUBJECT)
                .audience(ServiceTokens.AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return new IssuedToken("Bearer " + jwt.serialize(), expiresAt.minus(REFRESH_MARGIN));
    }

    private record IssuedToken(String authorization, Instant refreshAt) {
    }
}
