package com.stack.gateway.api;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The liveness and readiness probes on the public port, at the paths the actuator gives them
 * ({@code /actuator/health/liveness}, {@code /actuator/health/readiness}), answering the group's status
 * and HTTP code only: no components, no details, nothing about the subgraphs or Redis. Everything else
 * of the actuator (details, metrics, Prometheus) is served on the management port only.
 */
public class PublicProbes {

    private final ReactiveHealthEndpointWebExtension health;

    public PublicProbes(ReactiveHealthEndpointWebExtension health) {
        this.health = health;
    }

    public Mono<ServerResponse> liveness(ServerRequest request) {
        return probe("liveness");
    }

    public Mono<ServerResponse> readiness(ServerRequest request) {
        return probe("readiness");
    }

    private Mono<ServerResponse> probe(String group) {
        return health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE, false, group)
                .flatMap(response -> ServerResponse.status(response.getStatus())
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of(
                                "status",
                                response.getBody() == null
                                        ? "UNKNOWN"
                                        : response.getBody().getStatus().getCode())));
    }
}
