package com.stack.sandbox.partners;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every emulated partner API wants its credentials ({@code Authorization: Bearer <its API key>} unless
 * the partner says otherwise, see {@link EmulatedPartner.Credentials}); without them the partner
 * answers 401 in its own error format before it reads the request. Runs after fault
 * injection, as a partner's edge fails before its authentication does.
 */
@Component
public class ApiKeyFilter implements WebFilter, Ordered {

    /** After {@code FaultInjectionFilter}. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    private final EmulatedPartners partners;
    private final JsonResponses responses;

    public ApiKeyFilter(EmulatedPartners partners, JsonResponses responses) {
        this.partners = partners;
        this.responses = responses;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return partners.serving(exchange.getRequest().getPath().value())
                .map(target -> target.partner()
                        .credentials()
                        .refusal(exchange.getRequest().getHeaders(), target.relativePath())
                        .map(message -> responses.write(
                                exchange,
                                HttpStatus.UNAUTHORIZED,
                                target.partner().errors().unauthorized(message)))
                        .orElseGet(() -> chain.filter(exchange)))
                .orElseGet(() -> chain.filter(exchange));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
