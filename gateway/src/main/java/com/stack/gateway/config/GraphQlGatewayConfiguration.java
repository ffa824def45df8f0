package com.stack.gateway.config;

import com.stack.gateway.api.GraphQlEndpoint;
import com.stack.gateway.federation.SupergraphManager;
import com.stack.gateway.federation.execute.SubgraphClient;
import com.stack.gateway.security.ServiceTokenIssuer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.webflux.GraphiQlHandler;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/** Wiring of the federation engine, {@code /graphql} and GraphiQL. */
@Configuration(proxyBeanMethods = false)
public class GraphQlGatewayConfiguration {

    @Bean
    SubgraphClient subgraphClient(WebClient.Builder webClients, GatewayProperties properties, MeterRegistry meters) {
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(java.time.Duration.ofSeconds(5))
                .build());
        return new SubgraphClient(webClients.codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build(),
                properties.subgraphTimeout(), meters, breakers);
    }

    @Bean(destroyMethod = "stop")
    SupergraphManager supergraphManager(GatewayProperties properties, SubgraphClient client, ServiceTokenIssuer serviceTokens) {
        SupergraphManager manager = new SupergraphManager(properties.subgraphs(), client, properties.retryInterval(),
                serviceTokens.authorization());
        manager.start(properties.startupWait());
        return manager;
    }

    @Bean("supergraphHealthIndicator")
    org.springframework.boot.health.contributor.ReactiveHealthIndicator supergraph(SupergraphManager manager) {
        return () -> manager.health();
    }

    @Bean
    RouterFunction<ServerResponse> graphQlRoutes(SupergraphManager manager, JsonMapper json, GatewayProperties properties) {
        GraphQlEndpoint endpoint = new GraphQlEndpoint(manager, json, properties.maxRequestBytes());
        GraphiQlHandler graphiQl = new GraphiQlHandler("/graphql", null);
        return RouterFunctions.route()
                .POST("/graphql", endpoint::post)
                .GET("/graphql", RequestPredicates.accept(MediaType.APPLICATION_JSON).or(RequestPredicates.all()), endpoint::get)
                .GET("/graphiql", graphiQl::handleRequest)
                .build();
    }
}
