package com.stack.platform.security;

import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * What the gateway's security and every subgraph's share: an API authenticated by bearer tokens only, so no CSRF
 * token, basic or form login, logout, saved request or session; and the paths open to everyone, the platform's
 * probes and metrics and the partners' webhooks (each verified by its signature where it is handled). Each
 * application adds its own rules for the rest and how it checks a token.
 */
public final class StatelessBearerSecurity {

    /** Probes, info and metrics for the platform: no token. */
    private static final String[] PLATFORM_PATHS = {
        "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus"
    };

    /** Partner webhooks: no token, their signature is checked by the service that owns them. */
    public static final String PARTNER_WEBHOOKS = "/webhooks/**";

    private StatelessBearerSecurity() {}

    /**
     * {@code http} without any of what a browser session needs. Stateless also keeps the request on its event
     * loop: making a web session moved it onto the parallel scheduler, and a WebSocket upgrade done off the event
     * loop can lose the client's first frame, a subscription's {@code connection_init} (reactor-netty#1089).
     */
    public static ServerHttpSecurity stateless(ServerHttpSecurity http) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
    }

    /** The platform's and the partners' paths open to everyone. */
    public static ServerHttpSecurity.AuthorizeExchangeSpec permitPlatformAndWebhooks(
            ServerHttpSecurity.AuthorizeExchangeSpec exchanges) {
        return exchanges
                .pathMatchers(PLATFORM_PATHS)
                .permitAll()
                .pathMatchers(PARTNER_WEBHOOKS)
                .permitAll();
    }
}
