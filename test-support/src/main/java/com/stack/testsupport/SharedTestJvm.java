package com.stack.testsupport;

import java.util.List;

/**
 * Several Spring applications in one test JVM (the services, the gateway, the partner sandbox), each as it
 * runs on its own: what the shared classpath brings that an application does not have in its deployment is
 * switched off for it. (Each also gets Reactor Netty resources of its own: {@link OwnReactorNettyResources}.)
 */
public final class SharedTestJvm {

    /**
     * What the services bring onto a shared test classpath that a plain WebFlux application (the gateway,
     * the partner sandbox) does not have in its own deployment: databases, the subgraph GraphQL server and
     * the subgraphs' security.
     */
    public static final List<String> SERVICE_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcInitializationAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.health.ConnectionFactoryHealthContributorAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.metrics.ConnectionPoolMetricsAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.observation.R2dbcObservationAutoConfiguration",
            "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
            "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcRepositoriesAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.graphql.autoconfigure.GraphQlAutoConfiguration",
            "org.springframework.boot.graphql.autoconfigure.reactive.GraphQlWebFluxAutoConfiguration",
            "org.springframework.boot.graphql.autoconfigure.security.GraphQlWebFluxSecurityAutoConfiguration",
            "org.springframework.boot.graphql.autoconfigure.observation.GraphQlObservationAutoConfiguration",
            "com.stack.defaults.graphql.FederatedSubgraphConfiguration",
            "com.stack.defaults.health.KafkaHealthConfiguration",
            "com.stack.defaults.security.SubgraphSecurityConfiguration",
            // the gateway keeps its own eager Redis connection (it does not depend on service-defaults)
            "com.stack.defaults.live.LiveUpdatesAutoConfiguration");

    /** Web security, which the partner sandbox does not have (the gateway does). */
    public static final List<String> WEB_SECURITY_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration");

    private SharedTestJvm() {}
}
