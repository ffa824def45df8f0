package com.stack.sandbox.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import com.nimbusds.jwt.JWTClaimsSet;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Mints access tokens as the services expect them from the identity provider. */
@Service
public class TokenMinter {

    /** The audience of every token: the STACK API behind the gateway. */
    public static final String AUDIENCE = "stack-api";

    private final SigningKey signingKey;
    private final IssuerLocation issuerLocation;
    private final Clock clock;

    @Autowired
    public TokenMinter(SigningKey signingKey, IssuerLocation issuerLocation) {
        this(signingKey, issuerLocation, Clock.systemUTC());
    }

    TokenMinter(SigningKey signingKey, IssuerLocation issuerLocation, Clock clock) {
        this.signingKey = signingKey;
        this.issuerLocation = issuerLocation;
        this.clock = clock;
    }

    /**
     * Validates the request and signs its token. Signing runs on the bounded elastic scheduler: RSA
     * signing is CPU work, but the JDK's RSA blinding draws fresh randomness from SecureRandom, which
     * reads /dev/urandom, a (brief) blocking read that must not happen on an event-loop thread.
     */
    public Mono<MintedToken> mint(TokenRequest request) {
        return Mono.defer(() -> {
            request.validate();
            JWTClaimsSet claims = claimsFor(request);
            return Mono.fromCallable(() -> new MintedToken(signingKey.sign(claims), request.lifetimeSeconds()))
                    .subscribeOn(Schedulers.boundedElastic());
        });
    }

    JWTClaimsSet claimsFor(TokenRequest request) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        int lifetime = request.lifetimeSeconds();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuerLocation.issuer())
                .subject(request.subject())
                .audience(AUDIENCE)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plusSeconds(lifetime)));
        if (request.email() != null) {
            claims.claim("email", request.email());
        }
        return claims.build();
    }

    public record MintedToken(String accessToken, int expiresInSeconds) {}
}
