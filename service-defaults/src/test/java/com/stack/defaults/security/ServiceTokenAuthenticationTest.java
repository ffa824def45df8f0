package com.stack.defaults.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.stack.contracts.identity.UserIds;
import com.stack.defaults.errors.UnauthenticatedException;
import com.stack.testsupport.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The gateway's service token authenticates a request but never makes it act for a user. */
class ServiceTokenAuthenticationTest {

    static final String SECRET = "a-service-token-secret-long-enough-for-hs256";
    static final Duration WAIT = Duration.ofSeconds(5);

    final ReactiveAuthenticationManager serviceTokens =
            SubgraphSecurityConfiguration.serviceTokenAuthentication(new ServiceTokenProperties(SECRET));

    Authentication authenticate(String token) {
        return serviceTokens
                .authenticate(new BearerTokenAuthenticationToken(token))
                .block(WAIT);
    }

    static Mono<Caller> callerOf(Authentication authentication) {
        return CallerResolver.current().contextWrite(ReactiveSecurityContextHolder.withAuthentication(authentication));
    }

    @Test
    void aServiceTokenAuthenticatesTheGatewayWithoutACaller() {
        Authentication gateway = authenticate(
                TestIssuer.signServiceToken(TestIssuer.serviceClaims().build(), SECRET));

        assertThat(gateway).isInstanceOf(ServiceAuthentication.class);
        assertThat(gateway.isAuthenticated()).isTrue();
        assertThat(gateway.getPrincipal()).isEqualTo("stack-gateway");
        StepVerifier.create(callerOf(gateway))
                .expectError(UnauthenticatedException.class)
                .verify(WAIT);
    }

    @Test
    void aServiceTokenNamingAUserStillActsForNoOne() {
        Authentication gateway = authenticate(TestIssuer.signServiceToken(
                TestIssuer.serviceClaims()
                        .subject("auth0|victim")
                        .claim("email", "victim@example.com")
                        .build(),
                SECRET));

        StepVerifier.create(callerOf(gateway))
                .expectError(UnauthenticatedException.class)
                .verify(WAIT);
    }

    @Test
    void aUsersValidatedTokenIsTheCaller() {
        Jwt jwt = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .issuer("https://issuer.example.com/")
                .subject("auth0|ada")
                .claim("email", "ada@example.com")
                .build();

        StepVerifier.create(callerOf(new JwtAuthenticationToken(jwt, List.of())))
                .assertNext(caller -> {
                    assertThat(caller.userId())
                            .isEqualTo(UserIds.fromSubject("https://issuer.example.com/", "auth0|ada"));
                    assertThat(caller.email()).isEqualTo("ada@example.com");
                })
                .verifyComplete();
    }

    @Test
    void serviceTokensWithAnotherSecretAudienceOrIssuerOrExpiredAreRefused() {
        String otherSecret = "another-secret-that-is-also-long-enough-for-hs256";
        assertThatThrownBy(() -> authenticate(
                        TestIssuer.signServiceToken(TestIssuer.serviceClaims().build(), otherSecret)))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> authenticate(TestIssuer.signServiceToken(
                        TestIssuer.serviceClaims().audience("stack-api").build(), SECRET)))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> authenticate(TestIssuer.signServiceToken(
                        TestIssuer.serviceClaims()
                                .issuer("https://issuer.example.com/")
                                .build(),
                        SECRET)))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> authenticate(TestIssuer.signServiceToken(
                        TestIssuer.serviceClaims()
                                .expirationTime(Date.from(Instant.now().minusSeconds(600)))
                                .build(),
                        SECRET)))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> authenticate(
                        TestIssuer.unsigned(TestIssuer.serviceClaims().build())))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aSecretShorterThan32BytesStopsStartupNamingTheSetting() {
        assertThatThrownBy(() -> new ServiceTokenProperties("short"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stack.security.service-token.secret")
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("short\"");
        assertThatThrownBy(() -> new ServiceTokenProperties(null)).isInstanceOf(IllegalStateException.class);
        assertThat(new ServiceTokenProperties(SECRET).toString()).doesNotContain(SECRET);
    }
}
