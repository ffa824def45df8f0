package com.stack.defaults.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

import com.stack.defaults.security.ServiceAuthentication;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import reactor.core.publisher.Mono;

/**
 * {@code GET /actuator/deadletters}: records not re-driven yet per dead-letter topic of this service's consumer;
 * {@code POST /actuator/deadletters/{topic}}: re-drives that topic's dead letters to their origin topic (see
 * {@link DeadLetters}; idempotent). Both need the gateway's service token (what {@code ./stack redrive} sends): a
 * user's token authenticates /actuator but is refused here (403).
 */
@Endpoint(id = "deadletters")
public class DeadLettersEndpoint {

    private final DeadLetters deadLetters;

    public DeadLettersEndpoint(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @ReadOperation
    public Mono<WebEndpointResponse<Object>> pending() {
        return asService(deadLetters.pending().map(counts -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("group", deadLetters.group());
            body.put("pending", counts);
            return new WebEndpointResponse<>(body);
        }));
    }

    @WriteOperation
    public Mono<WebEndpointResponse<Object>> redrive(@Selector String topic) {
        return asService(deadLetters
                .redrive(topic)
                .map(moved -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("topic", topic);
                    body.put("redriven", moved);
                    return new WebEndpointResponse<Object>(body);
                })
                .onErrorResume(
                        DeadLetters.UnknownDeadLetterTopicException.class,
                        e -> Mono.just(new WebEndpointResponse<>(
                                Map.of("error", e.getMessage()), WebEndpointResponse.STATUS_NOT_FOUND))));
    }

    private static Mono<WebEndpointResponse<Object>> asService(Mono<WebEndpointResponse<Object>> operation) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(DeadLettersEndpoint::isService)
                .flatMap(service -> operation)
                .switchIfEmpty(Mono.fromSupplier(() ->
                        new WebEndpointResponse<>(Map.of("error", "the gateway's service token is required"), 403)));
    }

    private static boolean isService(Authentication authentication) {
        return authentication != null
                && authentication.getAuthorities().stream()
                        .anyMatch(authority -> ServiceAuthentication.AUTHORITY.equals(authority.getAuthority()));
    }
}
