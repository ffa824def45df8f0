package com.stack.sandbox.faults.api;

import com.stack.sandbox.faults.app.Faults;
import com.stack.sandbox.faults.config.FaultsProperties;
import com.stack.sandbox.faults.domain.RequestFault;
import com.stack.sandbox.partners.EmulatedPartner;
import com.stack.sandbox.partners.EmulatedPartners;
import com.stack.sandbox.partners.JsonResponses;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Applies the active faults to requests for the emulated partners' APIs, before anything else
 * (authentication included) sees them: an error answer never touches the partner's state. Waiting
 * (latency, a held connection) is a timer, never a thread: when the client gives up and closes the
 * connection, the wait is cancelled.
 */
@Component
public class FaultInjectionFilter implements WebFilter, Ordered {

    /** Marks a response a fault shaped, with the fault's id, for whoever reads the logs of a test. */
    public static final String FAULT_HEADER = "X-Sandbox-Fault";

    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private final EmulatedPartners partners;
    private final Faults faults;
    private final JsonResponses responses;
    private final FaultsProperties properties;

    public FaultInjectionFilter(
            EmulatedPartners partners, Faults faults, JsonResponses responses, FaultsProperties properties) {
        this.partners = partners;
        this.faults = faults;
        this.responses = responses;
        this.properties = properties;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return partners.serving(exchange.getRequest().getPath().value())
                .flatMap(target -> faults.claimForRequest(
                                target.partner().name(),
                                exchange.getRequest().getMethod().name(),
                                target.relativePath())
                        .map(fault -> inject(fault, target.partner(), exchange, chain)))
                .orElseGet(() -> chain.filter(exchange));
    }

    private Mono<Void> inject(
            RequestFault fault, EmulatedPartner partner, ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().getHeaders().add(FAULT_HEADER, fault.faultId());
        Mono<Void> outcome;
        if (fault.timeout()) {
            HttpStatusCode status =
                    fault.status() == null ? HttpStatus.GATEWAY_TIMEOUT : HttpStatusCode.valueOf(fault.status());
            outcome = Mono.delay(properties.timeoutHold()).then(fail(partner, status, exchange));
        } else if (fault.status() != null) {
            outcome = fail(partner, HttpStatusCode.valueOf(fault.status()), exchange);
        } else {
            outcome = Mono.defer(() -> chain.filter(exchange));
        }
        return fault.latency().isZero() ? outcome : Mono.delay(fault.latency()).then(outcome);
    }

    private Mono<Void> fail(EmulatedPartner partner, HttpStatusCode status, ServerWebExchange exchange) {
        return responses.write(exchange, status, partner.errors().failure(status));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
