package com.stack.onboarding.push;

import java.util.List;
import java.util.Map;

import com.stack.sandbox.PartnerSandboxApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The partner sandbox in this JVM on a random port, as a plain WebFlux application: what onboarding brings onto
 * the test classpath (databases, GraphQL, security, messaging) is switched off for it, and it gets event loops of
 * its own, so closing it leaves the service under test alone. Onboarding reaches it over HTTP only.
 */
final class PartnerSandboxServer implements AutoCloseable {

    private static final List<String> NOT_IN_THE_SANDBOX = List.of(
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
            "com.stack.defaults.messaging.MessagingAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration");

    static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private final ConfigurableApplicationContext context;

    private PartnerSandboxServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static PartnerSandboxServer start() {
        var application = PartnerSandboxApplication.application();
        application.addInitializers(context -> ((GenericApplicationContext) context).registerBean("reactorResourceFactory",
                ReactorResourceFactory.class, () -> {
                    ReactorResourceFactory factory = new ReactorResourceFactory();
                    factory.setUseGlobalResources(false);
                    return factory;
                }));
        return new PartnerSandboxServer(application.run("--spring.autoconfigure.exclude=" + String.join(",", NOT_IN_THE_SANDBOX),
                "--server.port=0", "--logging.structured.format.console=", "--logging.level.root=WARN"));
    }

    String url() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The control API ({@code /sandbox/...}). */
    WebTestClient control() {
        return WebTestClient.bindToServer().baseUrl(url() + "/sandbox").build();
    }

    /** The service account's key file, with this sandbox's token endpoint: what onboarding is configured with. */
    String serviceAccountJson() {
        return new String(control().get().uri("/google-oauth/service-account").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBodyContent(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The messages FCM accepted for the device token. */
    List<Map<String, Object>> messagesTo(String token) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) control().get()
                .uri(uri -> uri.path("/fcm/messages").queryParam("token", token).build())
                .exchange().expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody().get("messages");
        return messages;
    }

    @Override
    public void close() {
        context.close();
    }
}
