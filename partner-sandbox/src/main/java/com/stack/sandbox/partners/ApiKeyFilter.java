package com.stack.sandbox.partners;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every emulated partner API wants {@code Authorization: Bearer <its API key>}; without it the
 * partner answers 401 in its own error format before it reads the request. Runs after fault
 * injection, as a partner's edge fails before its authentication does. A partner that authenticates
 * otherwise declares a {@link PartnerAuthentication}, which then decides instead of the key check.
 */
@Component
public class ApiKeyFilter implements WebFilter, Ordered {

    /** After {@code FaultInjectionFilter}. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    private static final String BEARER = "Bearer ";

    private final EmulatedPartners partners;
    private final JsonResponses responses;
    private final Map<String, PartnerAuthentication> authentications;

    public ApiKeyFilter(EmulatedPartners partners, JsonResponses responses, ObjectProvider<PartnerAuthentication> authentications) {
        this.partners = partners;
        this.responses = responses;
        this.authentications = authentications.orderedStream()
                .collect(Collectors.toUnmodifiableMap(PartnerAuthentication::partner, Function.identity()));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return partners.serving(exchange.getRequest().getPath().value())
                .map(target -> {
                    EmulatedPartner partner = target.partner();
                    PartnerAuthentication own = authentications.get(partner.name());
                    if (own != null) {
                        return own.refusal(exchange.getRequest(), target.relativePath())
                                .map(message -> responses.write(exchange, HttpStatus.UNAUTHORIZED, partner.errors().unauthorized(message)))
                                .orElseGet(() -> chain.filter(exchange));
                    }
                    String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
                    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                        return responses.write(exchange, HttpStatus.UNAUTHORIZED,
                                partner.errors().unauthorized("Malformed authorization. Send 'Authorization: Bearer <API key>'."));
                    }
                    if (!sameKey(authorization.substring(BEARER.length()).trim(), partner.apiKey())) {
                        return responses.write(exchange, HttpStatus.UNAUTHORIZED, partner.errors().unauthorized("Invalid credentials."));
                    }
                    return chain.filter(exchange);
                })
                .orElseGet(() -> chain.filter(exchange));
    }

    /** Compared in constant time, as a real API compares secrets. */
    private static boolean sameKey(String presented, String expected) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
