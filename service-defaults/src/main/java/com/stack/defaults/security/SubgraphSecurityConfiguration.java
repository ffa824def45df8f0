package com.stack.defaults.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javax.crypto.spec.SecretKeySpec;

import com.stack.contracts.identity.ServiceTokenIssuer;
import com.stack.contracts.identity.ServiceTokens;
import com.stack.defaults.resilience.PartnerResilience;
import com.stack.platform.security.StatelessBearerSecurity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.JwkSetUriReactiveJwtDecoderBuilderCustomizer;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerReactiveAuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

/**
 * A subgraph trusts no header but a bearer token it validates itself, and {@code /graphql} refuses a
 * request without one (401). Two issuers are accepted, told apart by the token's {@code iss}:
 * <ul>
 * <li>the OIDC issuer (Auth0/Cognito in production, the sandbox locally): the user's own token,
 * which the gateway forwards, checked against the issuer's JWKS by Spring Boot's decoder
 * ({@code spring.security.oauth2.resourceserver.jwt.*}: issuer, keys and audience);</li>
 * <li>{@link ServiceTokens#ISSUER}: the gateway's service token for its own requests (the schema
 * fetch), HS256 with {@code stack.security.service-token.secret}, audience
 * {@link ServiceTokens#AUDIENCE}. It becomes a {@link ServiceAuthentication}, which has no
 * {@link Caller}: operations that act for a user answer UNAUTHENTICATED to it.</li>
 * </ul>
 * Health, info and metrics for the platform, and partner webhooks (verified by their signature
 * where they are handled), need no token. {@code /internal/**}, the API one service offers another,
 * needs a service token ({@link ServiceAuthentication#AUTHORITY}): without a token 401, with a user's 403.
 *
 * <p>Each service also signs service tokens of its own for the internal APIs it calls: the
 * {@link ServiceTokenIssuer} bean, named by {@code spring.application.name}.
 *
 * <p>The WebSocket upgrade of {@code /graphql} (graphql-transport-ws, over which the gateway relays
 * subscriptions) is authenticated like any request, by its {@code Authorization} header: its security
 * context is the socket's for the socket's life, so {@link CallerResolver} works in subscription
 * resolvers. The gateway closes the socket when the caller's token expires.
 */
@AutoConfiguration(before = ReactiveOAuth2ResourceServerAutoConfiguration.class)
@EnableWebFluxSecurity
@EnableConfigurationProperties(ServiceTokenProperties.class)
public class SubgraphSecurityConfiguration {

    /** The API services offer each other, for service tokens only. */
    public static final String INTERNAL_PATHS = "/internal/**";

    static final String USER_TOKEN_ISSUER_PROPERTY = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    /** How long one fetch of the issuer's key set may take, connecting included. */
    static final Duration KEY_SET_FETCH_TIMEOUT = Duration.ofSeconds(3);
    /** Fetches of the key set tried again after a connection error or timeout (a GET: safe to repeat). */
    static final int KEY_SET_FETCH_RETRIES = 2;

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain subgraphSecurity(
            ServerHttpSecurity http,
            ReactiveJwtDecoder userTokens,
            ServiceTokenProperties serviceTokens,
            Environment environment) {
        String userTokenIssuer = environment.getProperty(USER_TOKEN_ISSUER_PROPERTY);
        if (userTokenIssuer == null || userTokenIssuer.isBlank()) {
            throw new IllegalStateException(USER_TOKEN_ISSUER_PROPERTY
                    + " (environment STACK_JWT_ISSUER) must name the OIDC issuer whose tokens this service accepts");
        }
        Map<String, ReactiveAuthenticationManager> byIssuer = Map.of(
                userTokenIssuer,
                new JwtReactiveAuthenticationManager(userTokens),
                ServiceTokens.ISSUER,
                serviceTokenAuthentication(serviceTokens));
        JwtIssuerReactiveAuthenticationManagerResolver byTokenIssuer =
                new JwtIssuerReactiveAuthenticationManagerResolver(issuer -> Mono.justOrEmpty(byIssuer.get(issuer)));
        return StatelessBearerSecurity.stateless(http)
                .authorizeExchange(exchanges -> StatelessBearerSecurity.permitPlatformAndWebhooks(exchanges)
                        .pathMatchers(INTERNAL_PATHS)
                        .hasAuthority(ServiceAuthentication.AUTHORITY)
                        .anyExchange()
                        .authenticated())
                .oauth2ResourceServer(oauth -> oauth.authenticationManagerResolver(byTokenIssuer))
                .build();
    }

    /** This service's service tokens, signed as {@code spring.application.name} with the shared secret. */
    @Bean
    @ConditionalOnMissingBean(ServiceTokenIssuer.class)
    ServiceTokenIssuer serviceTokenIssuer(
            ServiceTokenProperties serviceTokens, @Value("${spring.application.name}") String service) {
        return new ServiceTokenIssuer(service, serviceTokens.secret(), Clock.systemUTC());
    }

    /**
     * The user tokens' decoder fetches the issuer's key set on a request that finds it missing or stale, and a
     * WebClient's default has no timeout: an issuer that accepted the connection and never answered held that
     * request, and every request waiting for the same keys, until the caller gave up. Each fetch is bounded and
     * tried again on a connection error or timeout; then the request fails instead of hanging.
     */
    @Bean
    JwkSetUriReactiveJwtDecoderBuilderCustomizer boundedKeySetFetch() {
        return builder -> builder.webClient(keySetClient(KEY_SET_FETCH_TIMEOUT, KEY_SET_FETCH_RETRIES));
    }

    /** The issuer is a partner like any other: its key set is fetched under {@link PartnerResilience}. */
    static WebClient keySetClient(Duration timeout, int retries) {
        PartnerResilience resilience = new PartnerResilience(
                "oidc-key-set",
                new PartnerResilience.Settings(
                        timeout,
                        retries + 1,
                        Duration.ofMillis(100),
                        Duration.ofSeconds(1),
                        50,
                        10,
                        20,
                        Duration.ofSeconds(10)),
                e -> e instanceof WebClientRequestException || e instanceof TimeoutException,
                e -> true);
        return WebClient.builder()
                .filter((request, next) -> resilience.call(next.exchange(request), e -> e, e -> e))
                .build();
    }

    /** HS256 with the shared secret, from {@link ServiceTokens#ISSUER} to {@link ServiceTokens#AUDIENCE}, unexpired. */
    static ReactiveAuthenticationManager serviceTokenAuthentication(ServiceTokenProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(
                        new SecretKeySpec(properties.secretKey(), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(ServiceTokens.ISSUER),
                new JwtAudienceValidator(ServiceTokens.AUDIENCE)));
        JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager(decoder);
        manager.setJwtAuthenticationConverter(jwt -> Mono.just(new ServiceAuthentication(jwt)));
        return manager;
    }
}
