package com.stack.gateway.config;

import java.time.Clock;

import com.stack.contracts.identity.ServiceTokens;
import com.stack.gateway.api.GraphQlAuthenticationEntryPoint;
import com.stack.gateway.security.ServiceTokenIssuer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge's authentication. {@code /graphql} (and anything not listed below) needs the caller's OIDC
 * access token, validated here against the issuer's keys, name and audience
 * ({@code spring.security.oauth2.resourceserver.jwt.*}); the subgraphs validate the same token again
 * when the gateway forwards it. Without a valid one the answer is 401 with a GraphQL-shaped body.
 * GraphiQL's page, the platform's probes and metrics, and partner webhooks (each verified by its
 * signature in the service that owns it) need no token.
 */
@Configuration(proxyBeanMethods = false)
public class GatewaySecurityConfiguration {

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, JsonMapper json) {
        GraphQlAuthenticationEntryPoint unauthenticated = new GraphQlAuthenticationEntryPoint(json);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/graphiql", "/graphiql/**").permitAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .pathMatchers("/webhooks/**").permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(oauth -> oauth.jwt(Customizer.withDefaults()).authenticationEntryPoint(unauthenticated))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated))
                .build();
    }

    @Bean
    ServiceTokenIssuer serviceTokenIssuer(@Value("${" + ServiceTokens.SECRET_PROPERTY + ":}") String secret) {
        return new ServiceTokenIssuer(secret, Clock.systemUTC());
    }
}
