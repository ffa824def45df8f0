package com.stack.gateway.config;

import java.time.Clock;

import com.stack.contracts.identity.ServiceTokenIssuer;
import com.stack.contracts.identity.ServiceTokens;
import com.stack.gateway.api.GatewayMetrics;
import com.stack.gateway.api.GraphQlAuthenticationEntryPoint;
import com.stack.gateway.api.GraphQlWebSocketUpgrade;
import com.stack.gateway.security.UserTokenKeys;
import com.stack.platform.security.StatelessBearerSecurity;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge's authentication. {@code /graphql} (and anything not listed below) needs the caller's OIDC
 * access token, validated here against the issuer's keys, name and audience
 * ({@code spring.security.oauth2.resourceserver.jwt.*}); the subgraphs validate the same token again
 * when the gateway forwards it. Without a valid one the answer is 401 with a GraphQL-shaped body.
 * GraphiQL's page, the platform's probes and metrics, and partner webhooks (each verified by its
 * signature in the service that owns it) need no token.
 *
 * <p>A WebSocket upgrade of {@code /graphql} passes the chain unauthenticated, its {@code Authorization}
 * header unread: {@link com.stack.gateway.api.GraphQlWebSocketEndpoint} validates the token (from
 * {@code connection_init}, where browsers must put it, or from that header) with the same decoder and
 * closes the socket with 4401 without a valid one. Refusing the upgrade here would answer a bare HTTP
 * 401 that browsers do not show to the page, and could not read the token from {@code connection_init}.
 */
@Configuration(proxyBeanMethods = false)
public class GatewaySecurityConfiguration {

    @Bean
    GatewayMetrics gatewayMetrics(MeterRegistry meters) {
        return new GatewayMetrics(meters);
    }

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, JsonMapper json, GatewayMetrics metrics) {
        GraphQlAuthenticationEntryPoint unauthenticated = new GraphQlAuthenticationEntryPoint(json, metrics);
        ServerWebExchangeMatcher graphQlUpgrade = exchange -> GraphQlWebSocketUpgrade.matches(exchange)
                ? ServerWebExchangeMatcher.MatchResult.match()
                : ServerWebExchangeMatcher.MatchResult.notMatch();
        ServerBearerTokenAuthenticationConverter bearerTokens = new ServerBearerTokenAuthenticationConverter();
        return StatelessBearerSecurity.stateless(http)
                .authorizeExchange(exchanges -> StatelessBearerSecurity.permitPlatformAndWebhooks(exchanges
                                .matchers(graphQlUpgrade)
                                .permitAll()
                                .pathMatchers("/graphiql", "/graphiql/**")
                                .permitAll())
                        .anyExchange()
                        .authenticated())
                .oauth2ResourceServer(oauth -> oauth.jwt(Customizer.withDefaults())
                        .bearerTokenConverter(exchange -> GraphQlWebSocketUpgrade.matches(exchange)
                                ? Mono.empty()
                                : bearerTokens.convert(exchange))
                        .authenticationEntryPoint(unauthenticated))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated))
                .build();
    }

    /**
     * The callers' tokens, checked against the issuer, its keys and the audience of
     * {@code spring.security.oauth2.resourceserver.jwt.*} as Spring Boot's decoder would, with the key set
     * fetched under {@link UserTokenKeys}' bounds (Boot's decoder fetched without a timeout).
     */
    @Bean
    ReactiveJwtDecoder userTokenDecoder(OAuth2ResourceServerProperties resourceServer) {
        OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
        return UserTokenKeys.decoder(
                jwt.getJwkSetUri(),
                jwt.getIssuerUri(),
                jwt.getAudiences(),
                UserTokenKeys.keySetClient(
                        UserTokenKeys.CONNECT_TIMEOUT,
                        UserTokenKeys.RESPONSE_TIMEOUT,
                        UserTokenKeys.RETRIES,
                        UserTokenKeys.REFETCH_INTERVAL,
                        Clock.systemUTC()));
    }

    @Bean
    ServiceTokenIssuer serviceTokenIssuer(@Value("${" + ServiceTokens.SECRET_PROPERTY + ":}") String secret) {
        return new ServiceTokenIssuer(ServiceTokens.SUBJECT, secret, Clock.systemUTC());
    }
}
