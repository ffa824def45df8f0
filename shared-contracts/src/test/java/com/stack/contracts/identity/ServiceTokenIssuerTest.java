package com.stack.contracts.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

class ServiceTokenIssuerTest {

    static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    static final Duration WAIT = Duration.ofSeconds(5);

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    final ServiceTokenIssuer issuer = new ServiceTokenIssuer(ServiceTokens.SUBJECT, SECRET, clock);

    @Test
    void signsAnHs256TokenFromTheGatewayToTheSubgraphsValidForAMinute() throws Exception {
        String authorization = issuer.authorization().block(WAIT);

        assertThat(authorization).startsWith("Bearer ");
        SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer())
                .isEqualTo(ServiceTokens.ISSUER)
                .isEqualTo("stack-gateway");
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("stack-gateway");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("azp")).isEqualTo("stack-gateway");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("stack-subgraphs");
        assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(clock.instant());
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant())
                .isEqualTo(clock.instant().plusSeconds(60));
    }

    @Test
    void anotherServiceSignsWithTheSameIssuerAndAudienceNamingItself() throws Exception {
        ServiceTokenIssuer aicfo = new ServiceTokenIssuer("aicfo-service", SECRET, clock);

        SignedJWT jwt = SignedJWT.parse(aicfo.authorization().block(WAIT).substring("Bearer ".length()));
        assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        // what the subgraphs check is what the gateway's tokens carry: one validation accepts both
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(ServiceTokens.ISSUER);
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(ServiceTokens.AUDIENCE);
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("aicfo-service");
        assertThat(jwt.getJWTClaimsSet().getStringClaim(ServiceTokens.SIGNER_CLAIM))
                .isEqualTo("aicfo-service");
        assertThatThrownBy(() -> new ServiceTokenIssuer(" ", SECRET, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reusesOneTokenUntilShortlyBeforeItExpires() {
        String first = issuer.authorization().block(WAIT);

        clock.advance(Duration.ofSeconds(44));
        assertThat(issuer.authorization().block(WAIT)).isEqualTo(first);

        clock.advance(Duration.ofSeconds(1));
        String refreshed = issuer.authorization().block(WAIT);
        assertThat(refreshed).isNotEqualTo(first);
        assertThat(issuer.authorization().block(WAIT)).isEqualTo(refreshed);
    }

    @Test
    void aSecretShorterThan32BytesStopsStartupNamingTheSetting() {
        assertThatThrownBy(() -> new ServiceTokenIssuer(ServiceTokens.SUBJECT, "too-short-a-secret", clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stack.security.service-token.secret")
                .hasMessageContaining("STACK_SERVICE_TOKEN_SECRET")
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("too-short-a-secret");
        assertThatThrownBy(() -> new ServiceTokenIssuer(ServiceTokens.SUBJECT, null, clock))
                .hasMessageContaining("stack.security.service-token.secret");
    }

    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
