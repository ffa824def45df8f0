package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.gateway.federation.compose.CompositionException;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

/** A subgraph that goes down costs only its own fields; one that is missing at startup keeps the gateway unready. */
class SubgraphOutageTest {

    @Test
    void aSubgraphThatGoesDownYieldsErrorsForItsFieldsOnly() {
        StackSuite suite = StackSuite.shared();
        ConfigurableApplicationContext aicfo = suite.startService("aicfo", "stack_aicfo_outage");
        Map<String, String> subgraphs = new LinkedHashMap<>(suite.subgraphUrls());
        subgraphs.put("aicfo", "http://127.0.0.1:" + StackSuite.port(aicfo) + "/graphql");
        ConfigurableApplicationContext gateway = suite.startGateway(subgraphs, "20s");
        try {
            String subject = "auth0|" + UUID.randomUUID();
            GatewayClient client = new GatewayClient(
                    "http://127.0.0.1:" + StackSuite.port(gateway),
                    suite.issuer().token(subject, "outage@example.com"));
            client.graphQl("mutation { signUp(input: {email: \"" + UUID.randomUUID() + "@example.com\"}) { id } }");
            String query = "{ me { id latestSummary { id summaryMarkdown } } baskets { id } }";

            GatewayClient.Response healthy = client.graphQl(query);
            assertThat(healthy.errors()).isEmpty();
            assertThat(healthy.<Object>at("me.latestSummary")).isNull();

            aicfo.close();
            GatewayClient.Response degraded = client.graphQl(query);

            assertThat(degraded.status()).isEqualTo(200);
            assertThat(degraded.<String>at("me.id")).isNotNull();
            assertThat(degraded.<List<?>>at("baskets")).hasSize(3);
            assertThat(degraded.<Object>at("me.latestSummary")).isNull();
            assertThat(degraded.errors()).singleElement().satisfies(error -> {
                assertThat(error.get("path")).isEqualTo(List.of("me", "latestSummary"));
                @SuppressWarnings("unchecked")
                Map<String, Object> extensions = (Map<String, Object>) error.get("extensions");
                assertThat(extensions)
                        .containsEntry("code", "SUBGRAPH_UNAVAILABLE")
                        .containsEntry("serviceName", "aicfo");
            });
        } finally {
            gateway.close();
            aicfo.close();
        }
    }

    @Test
    void aSubgraphMissingAtStartupKeepsTheGatewayUnready() throws Exception {
        StackSuite suite = StackSuite.shared();
        Map<String, String> subgraphs = new LinkedHashMap<>(suite.subgraphUrls());
        subgraphs.put("aicfo", "http://127.0.0.1:" + freePort() + "/graphql");
        ConfigurableApplicationContext gateway = suite.startGateway(subgraphs, "1s");
        try {
            String base = "http://127.0.0.1:" + StackSuite.port(gateway);
            String readiness = readiness(base);
            assertThat(readiness)
                    .startsWith("503 {\"status\":")
                    .doesNotContain("aicfo", "components"); // public: no details
            assertThat(readiness("http://127.0.0.1:" + StackSuite.managementPort(gateway)))
                    .startsWith("503")
                    .contains("aicfo");

            GatewayClient.Response response = new GatewayClient(
                            base, suite.issuer().token("auth0|" + UUID.randomUUID(), "unready@example.com"))
                    .graphQl("{ baskets { id } }");
            assertThat(response.status()).isEqualTo(503);
            assertThat(String.valueOf(response.errors().get(0).get("extensions")))
                    .contains("SUPERGRAPH_UNAVAILABLE");
        } finally {
            gateway.close();
        }
    }

    private static String readiness(String base) {
        return WebClient.create(base)
                .get()
                .uri("/actuator/health/readiness")
                .exchangeToMono(r ->
                        r.bodyToMono(String.class).map(body -> r.statusCode().value() + " " + body))
                .block();
    }

    @Test
    void subgraphsThatDoNotComposeFailStartupWithTheProblem() {
        StackSuite suite = StackSuite.shared();
        Map<String, String> subgraphs = new LinkedHashMap<>(suite.subgraphUrls());
        // the same onboarding schema twice: Query.me would have two owners and is not @shareable
        subgraphs.put("aicfo", subgraphs.get("onboarding"));
        assertThatThrownBy(() -> suite.startGateway(subgraphs, "10s"))
                .hasRootCauseInstanceOf(CompositionException.class)
                .rootCause()
                .hasMessageContaining("Query.me")
                .hasMessageContaining("@shareable");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
