package com.stack.gateway.config;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.stack.contracts.identity.ServiceTokenIssuer;
import com.stack.gateway.api.GatewayMetrics;
import com.stack.gateway.api.GraphQlEndpoint;
import com.stack.gateway.api.GraphQlWebSocketEndpoint;
import com.stack.gateway.api.GraphQlWebSocketUpgrade;
import com.stack.gateway.api.PublicProbes;
import com.stack.gateway.federation.OperationRules;
import com.stack.gateway.federation.SupergraphManager;
import com.stack.gateway.federation.execute.SubgraphClient;
import com.stack.gateway.federation.execute.SubgraphSubscriptionClient;
import com.stack.gateway.ratelimit.MutationRateLimits;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.graphql.server.webflux.GraphiQlHandler;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.WebHandler;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.server.WebsocketServerSpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wiring of the federation engine, {@code /graphql} (HTTP and WebSocket), the public probes, and, with the
 * Spring profile {@value #LOCAL_PROFILE} only, GraphiQL and introspection.
 */
@Configuration(proxyBeanMethods = false)
public class GraphQlGatewayConfiguration {

    static final String GRAPHQL_PATH = GraphQlWebSocketUpgrade.PATH;
    /** The profile of a developer's machine and the tests: GraphiQL and introspection are on only with it. */
    static final String LOCAL_PROFILE = "local";

    private static final int MAX_SUBGRAPH_RESPONSE_BYTES = 16 * 1024 * 1024;
    /** How long a rate limit waits for Redis before counting in memory instead. */
    private static final Duration RATE_LIMIT_REDIS_TIMEOUT = Duration.ofMillis(500);

    @Bean
    SubgraphClient subgraphClient(WebClient.Builder webClients, GatewayProperties properties, MeterRegistry meters) {
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(java.time.Duration.ofSeconds(5))
                .build());
        return new SubgraphClient(
                webClients
                        .codecs(c -> c.defaultCodecs().maxInMemorySize(MAX_SUBGRAPH_RESPONSE_BYTES))
                        .build(),
                properties.subgraphTimeout(),
                meters,
                breakers);
    }

    @Bean(destroyMethod = "stop")
    SupergraphManager supergraphManager(
            GatewayProperties properties,
            SubgraphClient client,
            ServiceTokenIssuer serviceTokens,
            MutationRateLimits rateLimits,
            Environment environment) {
        OperationRules rules =
                new OperationRules(properties.limits(), environment.matchesProfiles(LOCAL_PROFILE), rateLimits);
        SupergraphManager manager = new SupergraphManager(
                properties.subgraphs(), client, properties.retryInterval(), serviceTokens.authorization(), rules);
        manager.start(properties.startupWait());
        return manager;
    }

    @Bean
    MutationRateLimits mutationRateLimits(
            ReactiveStringRedisTemplate redis, GatewayProperties properties, MeterRegistry meters) {
        Map<String, MutationRateLimits.Limit> limits = new java.util.LinkedHashMap<>();
        properties.rateLimits().forEach((field, limit) -> limits.put(field, MutationRateLimits.Limit.parse(limit)));
        return new MutationRateLimits(redis, limits, meters, RATE_LIMIT_REDIS_TIMEOUT, Clock.systemUTC());
    }

    /** Redis (rate limits, readiness) opened at startup: opened lazily, the first request would connect on an event loop. */
    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor eagerRedisConnection() {
        return new org.springframework.beans.factory.config.BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean
                        instanceof org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory factory) {
                    factory.setEagerInitialization(true);
                }
                return bean;
            }
        };
    }

    @Bean("supergraphHealthIndicator")
    org.springframework.boot.health.contributor.ReactiveHealthIndicator supergraph(SupergraphManager manager) {
        return () -> manager.health();
    }

    @Bean
    SubgraphSubscriptionClient subgraphSubscriptionClient(
            SubgraphClient subgraphs, GatewayProperties properties, JsonMapper json) {
        // the subgraphs' events arrive as text frames up to the size the HTTP responses may have
        ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient(
                HttpClient.create(),
                () -> WebsocketClientSpec.builder().maxFramePayloadLength(MAX_SUBGRAPH_RESPONSE_BYTES));
        return new SubgraphSubscriptionClient(client, json, properties.subgraphTimeout(), subgraphs::circuitBreaker);
    }

    /**
     * {@code /graphql} WebSocket upgrades, ahead of the HTTP routes (order -2; the router functions
     * are -1): any other request to {@code /graphql} is left to them. Client messages may be as large
     * as an HTTP request body.
     */
    @Bean
    HandlerMapping graphQlWebSocketMapping(
            SupergraphManager manager,
            SubgraphSubscriptionClient subscriptions,
            ReactiveJwtDecoder tokens,
            JsonMapper json,
            GatewayProperties properties,
            GatewayMetrics metrics) {
        GraphQlWebSocketEndpoint endpoint = new GraphQlWebSocketEndpoint(
                manager,
                subscriptions,
                tokens,
                json,
                properties.websocket().connectionInitTimeout(),
                properties.websocket().maxOperations(),
                Clock.systemUTC(),
                metrics);
        HandshakeWebSocketService handshakes = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(properties.maxRequestBytes())));
        WebHandler upgrade = exchange -> handshakes.handleRequest(exchange, endpoint);
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of(GRAPHQL_PATH, upgrade), -2);
        mapping.setHandlerPredicate((handler, exchange) -> GraphQlWebSocketUpgrade.matches(exchange));
        return mapping;
    }

    @Bean
    RouterFunction<ServerResponse> graphQlRoutes(
            SupergraphManager manager,
            JsonMapper json,
            GatewayProperties properties,
            Environment environment,
            ReactiveHealthEndpointWebExtension health,
            GatewayMetrics metrics) {
        GraphQlEndpoint endpoint = new GraphQlEndpoint(manager, json, properties.maxRequestBytes(), metrics);
        PublicProbes probes = new PublicProbes(health);
        RouterFunctions.Builder routes = RouterFunctions.route()
                .POST(GRAPHQL_PATH, endpoint::post)
                .GET(
                        GRAPHQL_PATH,
                        RequestPredicates.accept(MediaType.APPLICATION_JSON).or(RequestPredicates.all()),
                        endpoint::get)
                .GET("/actuator/health/liveness", probes::liveness)
                .GET("/actuator/health/readiness", probes::readiness);
        if (environment.matchesProfiles(LOCAL_PROFILE)) {
            GraphiQlHandler graphiQl = new GraphiQlHandler("/graphql", null);
            routes.GET("/graphiql", graphiQl::handleRequest);
        }
        return routes.build();
    }
}
