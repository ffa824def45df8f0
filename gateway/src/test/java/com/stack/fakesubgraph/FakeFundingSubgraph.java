package com.stack.fakesubgraph;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.stack.testsupport.TestIssuer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A subgraph as the services build one: Spring for GraphQL on WebFlux, {@code graphql-transport-ws} at
 * {@code /graphql} ({@code spring.graphql.websocket.path}), and a resource-server filter chain like
 * service-defaults' that authenticates the WebSocket upgrade by its bearer header, so that a
 * subscription's resolver finds the caller in {@link ReactiveSecurityContextHolder}. (Its HTTP
 * {@code /graphql} is open: it only serves the gateway its SDL, which the gateway asks for with its
 * service token.) It records what it was sent at {@code connection_init}, which subscriptions the
 * gateway completed and which connections closed.
 */
public final class FakeFundingSubgraph {

    public static final String FEDERATION_SDL = """
            extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])
            type Query { fundingGreeting: String }
            type Subscription { depositUpdated: Deposit! withdrawalUpdated(id: ID!): Withdrawal! }
            type Deposit @key(fields: "id") { id: ID! status: String! owner: String }
            type Withdrawal @key(fields: "id") { id: ID! status: String! }
            """;

    /** What one {@code connection_init} brought: the upgrade's Authorization header and the payload. */
    public record ConnectionInit(String upgradeAuthorization, Map<String, Object> payload) {}

    static final ConcurrentLinkedQueue<ConnectionInit> CONNECTION_INITS = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<String> COMPLETED_BY_CLIENT = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<String> CLOSED_CONNECTIONS = new ConcurrentLinkedQueue<>();

    private final ConfigurableApplicationContext context;

    private FakeFundingSubgraph(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static FakeFundingSubgraph start(TestIssuer issuer) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .properties(
                        "spring.config.name=fake-funding-subgraph",
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "spring.main.banner-mode=off",
                        // the gateway's classpath: none of Spring Cloud Gateway in a subgraph
                        "spring.cloud.gateway.server.webflux.enabled=false",
                        "spring.autoconfigure.exclude="
                                + String.join(
                                        ",",
                                        "org.springframework.cloud.gateway.config.GatewayRedisAutoConfiguration",
                                        "org.springframework.cloud.gateway.config.GatewayMetricsAutoConfiguration",
                                        "org.springframework.cloud.gateway.config.GatewayResilience4JCircuitBreakerAutoConfiguration",
                                        "org.springframework.cloud.gateway.config.GatewayNoLoadBalancerClientAutoConfiguration",
                                        "org.springframework.cloud.gateway.config.GatewayStreamAutoConfiguration",
                                        "org.springframework.cloud.gateway.config.GatewayTracingAutoConfiguration",
                                        "org.springframework.cloud.gateway.config.LocalResponseCacheAutoConfiguration",
                                        "org.springframework.cloud.gateway.config.SimpleUrlHandlerMappingGlobalCorsAutoConfiguration"),
                        "spring.graphql.http.path=/graphql",
                        "spring.graphql.websocket.path=/graphql",
                        "spring.graphql.schema.locations=classpath:fake-funding-subgraph/",
                        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.jwksUri(),
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.issuer(),
                        "spring.security.oauth2.resourceserver.jwt.audiences=" + TestIssuer.AUDIENCE,
                        "management.tracing.export.enabled=false")
                .run();
        return new FakeFundingSubgraph(context);
    }

    public String url() {
        return "http://127.0.0.1:"
                + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public List<ConnectionInit> connectionInits() {
        return List.copyOf(CONNECTION_INITS);
    }

    /** The ids of the subscriptions a client stopped with {@code complete}. */
    public List<String> completedByClient() {
        return List.copyOf(COMPLETED_BY_CLIENT);
    }

    /** The upgrade's Authorization header of each of its WebSocket connections that closed. */
    public List<String> closedConnections() {
        return List.copyOf(CLOSED_CONNECTIONS);
    }

    public void stop() {
        context.close();
    }

    @SpringBootApplication
    static class Application {

        @Bean
        SecurityWebFilterChain fakeSubgraphSecurity(ServerHttpSecurity http) {
            ServerBearerTokenAuthenticationConverter bearerTokens = new ServerBearerTokenAuthenticationConverter();
            return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                    .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                    .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                    .logout(ServerHttpSecurity.LogoutSpec::disable)
                    // as service-defaults: no request cache, so no web session is made per request (which
                    // moves the request to the parallel scheduler, and a WebSocket upgrade made off the event
                    // loop can lose the client's first frame, its connection_init: reactor-netty#1089)
                    .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                    .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                    .authorizeExchange(exchanges -> exchanges
                            .pathMatchers(HttpMethod.POST, "/graphql")
                            .permitAll()
                            .anyExchange()
                            .authenticated())
                    // the schema fetch carries the gateway's service token, which this fake does not check
                    .oauth2ResourceServer(oauth -> oauth.jwt(Customizer.withDefaults())
                            .bearerTokenConverter(exchange ->
                                    HttpMethod.POST.equals(exchange.getRequest().getMethod())
                                            ? Mono.empty()
                                            : bearerTokens.convert(exchange)))
                    .build();
        }

        @Bean
        WebSocketGraphQlInterceptor recordingInterceptor() {
            return new WebSocketGraphQlInterceptor() {
                @Override
                public Mono<Object> handleConnectionInitialization(
                        WebSocketSessionInfo info, Map<String, Object> payload) {
                    CONNECTION_INITS.add(
                            new ConnectionInit(info.getHeaders().getFirst(HttpHeaders.AUTHORIZATION), payload));
                    return Mono.empty();
                }

                @Override
                public Mono<Void> handleCancelledSubscription(WebSocketSessionInfo info, String subscriptionId) {
                    COMPLETED_BY_CLIENT.add(subscriptionId);
                    return Mono.empty();
                }

                @Override
                public void handleConnectionClosed(
                        WebSocketSessionInfo info, int statusCode, Map<String, Object> payload) {
                    CLOSED_CONNECTIONS.add(String.valueOf(info.getHeaders().getFirst(HttpHeaders.AUTHORIZATION)));
                }
            };
        }
    }

    @Controller
    static class FundingGraph {

        @QueryMapping(name = "_service")
        Map<String, Object> service() {
            return Map.of("sdl", FEDERATION_SDL);
        }

        @QueryMapping
        String fundingGreeting() {
            return "hello from funding";
        }

        /** Three updates, then the end: each names the caller its resolver found in the security context. */
        @SubscriptionMapping
        Flux<Map<String, Object>> depositUpdated() {
            return ReactiveSecurityContextHolder.getContext()
                    .map(security -> security.getAuthentication().getPrincipal() instanceof Jwt jwt
                            ? jwt.getSubject()
                            : "not a user")
                    .defaultIfEmpty("nobody")
                    .flatMapMany(subject -> Flux.range(1, 3)
                            .delayElements(Duration.ofMillis(20))
                            .map(i -> Map.<String, Object>of(
                                    "id", "deposit-" + i, "status", "STEP_" + i, "owner", subject)));
        }

        /** Never ends on its own. */
        @SubscriptionMapping
        Flux<Map<String, Object>> withdrawalUpdated(@Argument String id) {
            return Flux.interval(Duration.ZERO, Duration.ofMillis(100))
                    .map(tick -> Map.<String, Object>of("id", id, "status", "TICK_" + tick));
        }
    }
}
