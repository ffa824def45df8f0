package com.stack.contracts.identity;

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
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Signs a service's service token ({@link ServiceTokens}: HS256, issuer {@code stack-gateway}, audience
 * {@code stack-subgraphs}, subject and {@code azp} the signing service's name, valid for 60 seconds) for
 * the requests the service makes on its own behalf: the gateway's schema fetch, one service reading
 * another's {@code /internal/**} API. A user's request never carries it: the gateway forwards the user's
 * own token. One token is reused until {@link #REFRESH_MARGIN} before it expires, so the receiver never
 * gets one that expires in flight. The gateway and every service use this one class.
 */
public class ServiceTokenIssuer {

    static final Duration REFRESH_MARGIN = Duration.ofSeconds(15);

    private final String service;
    private final MACSigner signer;
    private final Clock clock;
    private final AtomicReference<IssuedToken> current = new AtomicReference<>();

    /**
     * @param service the signing service's name ({@code sub} and {@code azp}), e.g. {@code aicfo-service};
     *                the gateway signs as {@link ServiceTokens#SUBJECT}
     * @param secret  {@link ServiceTokens#SECRET_PROPERTY}: fails with a message naming the property when it
     *                is missing or shorter than 32 bytes
     */
    public ServiceTokenIssuer(String service, String secret, Clock clock) {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("A service token must name the service that signs it");
        }
        this.service = service;
        try {
            this.signer = new MACSigner(ServiceTokens.secretKey(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign service tokens: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    /** The name the tokens carry as {@code sub} and {@code azp}. */
    public String service() {
        return service;
    }

    /** The value of the {@code Authorization} header for the service's own requests: {@code Bearer <token>}. */
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
                .subject(service)
                .claim(ServiceTokens.SIGNER_CLAIM, service)
                .audience(ServiceTokens.AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(signer);
        return new IssuedToken("Bearer " + jwt.serialize(), expiresAt.minus(REFRESH_MARGIN));
    }

    private record IssuedToken(String authorization, Instant refreshAt) {}
}
