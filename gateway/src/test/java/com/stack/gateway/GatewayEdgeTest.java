package com.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.stack.testsupport.PrometheusScrape;
import com.stack.testsupport.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the public port shows outside the {@code local} profile: no GraphiQL, no introspection, probes
 * with their status only, the rest of the actuator on the management port; and GET serves queries only,
 * decided on the parsed document.
 */
@SpringBootTest(
        classes = GatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=gateway",
            "logging.structured.format.console=",
            "spring.profiles.active=",
            "stack.security.service-token.secret=gateway-edge-test-secret-0b7d1f9e4c2a6385"
        })
class GatewayEdgeTest {

    static final TestIssuer ISSUER = new TestIssuer();
    static final StubSubgraphs SUBGRAPHS = new StubSubgraphs();
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SUBGRAPHS.register(registry, ISSUER);
    }

    @AfterAll
    static void stop() {
        SUBGRAPHS.close();
        ISSUER.close();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    final String token = ISSUER.token("auth0|" + UUID.randomUUID(), "ada@example.com");

    WebTestClient.ResponseSpec get(String query, String operationName) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString("http://127.0.0.1:" + port + "/graphql")
                .queryParam("query", "{query}");
        if (operationName != null) {
            uri.queryParam("operationName", operationName);
        }
        return WebTestClient.bindToServer()
                .build()
                .get()
                .uri(uri.buildAndExpand(Map.of("query", query)).toUri())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .accept(MediaType.APPLICATION_JSON)
                .exchange();
    }

    @Test
    void aGetWhoseSelectedOperationIsAMutationIsRefusedHowEverTheDocumentStarts() {
        Map<String, String> documents = Map.of(
                "mutation { walletGreeting }", "",
                "# x\nmutation { walletGreeting }", "",
                "  \n\t mutation M { walletGreeting }", "",
                "query Q { walletGreeting } mutation M { walletGreeting }", "M",
                "subscription { walletGreeting }", "");
        documents.forEach((document, operationName) -> get(document, operationName.isEmpty() ? null : operationName)
                .expectStatus()
                .value(status -> assertThat(status).as(document).isEqualTo(405))
                .expectHeader()
                .valueEquals(HttpHeaders.ALLOW, "POST")
                .expectBody()
                .jsonPath("$.errors[0].extensions.code")
                .isEqualTo("METHOD_NOT_ALLOWED"));

        get("# mutation\n query Q { walletGreeting } query R { mutation: walletGreeting }", "Q")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.walletGreeting")
                .isEqualTo("hello from wallet");
        assertThat(SUBGRAPHS.received()).noneMatch(r -> r.body().contains("mutation"));
    }

    @Test
    void requestsAreTimedPerOperationTypeAndOutcomeOnTheManagementPortsPrometheusEndpoint() {
        get("query Greeting { walletGreeting }", "Greeting").expectStatus().isOk();
        get("{ walletGreeting }", null).expectStatus().isOk();
        get("mutation Change { walletGreeting }", null).expectStatus().isEqualTo(405);
        get("{ noSuchField }", null).expectStatus().isBadRequest();
        WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .build()
                .post()
                .uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", "{ walletGreeting }"))
                .exchange()
                .expectStatus()
                .isUnauthorized();

        PrometheusScrape scrape = PrometheusScrape.of("http://127.0.0.1:" + managementPort);

        assertThat(scrape.value(
                        "stack_gateway_requests_seconds_count",
                        "operation",
                        "Greeting",
                        "type",
                        "query",
                        "outcome",
                        "ok"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value(
                        "stack_gateway_requests_seconds_count",
                        "operation",
                        "anonymous",
                        "type",
                        "query",
                        "outcome",
                        "ok"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value(
                        "stack_gateway_requests_seconds_count",
                        "operation",
                        "Change",
                        "type",
                        "mutation",
                        "outcome",
                        "refused"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value(
                        "stack_gateway_requests_seconds_count",
                        "operation",
                        "anonymous",
                        "type",
                        "query",
                        "outcome",
                        "refused"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value(
                        "stack_gateway_requests_seconds_count",
                        "operation",
                        "anonymous",
                        "type",
                        "unknown",
                        "outcome",
                        "refused"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.samples(
                        "stack_gateway_requests_seconds_bucket",
                        "operation",
                        "Greeting",
                        "type",
                        "query",
                        "outcome",
                        "ok"))
                .as("a latency histogram")
                .hasSizeGreaterThan(10);
        assertThat(scrape.value(
                        "stack_gateway_subgraph_requests_seconds_count", "subgraph", "wallet", "outcome", "success"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.samples(
                        "stack_gateway_subgraph_requests_seconds_bucket", "subgraph", "wallet", "outcome", "success"))
                .hasSizeGreaterThan(10);
        assertThat(scrape.value("stack_gateway_websocket_connections")).isGreaterThanOrEqualTo(0);
        assertThat(scrape.value("stack_gateway_subscriptions_active")).isGreaterThanOrEqualTo(0);
        assertThat(scrape.samples("stack_gateway_requests_seconds_count"))
                .allSatisfy(sample -> assertThat(sample.labels())
                        .containsEntry("service", "gateway")
                        .containsKey("instance"));
    }

    @Test
    void graphiQlIsAbsentAndIntrospectionRefusedOutsideTheLocalProfile() {
        WebTestClient client =
                WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        client.get()
                .uri("/graphiql?path=/graphql")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isNotFound();

        get("{ __schema { queryType { name } } }", null)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].extensions.code")
                .isEqualTo("INTROSPECTION_DISABLED");
        get("{ __typename walletGreeting }", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.__typename")
                .isEqualTo("Query");
    }

    @Test
    void thePublicPortShowsTheProbesStatusOnlyAndTheActuatorIsOnTheManagementPort() {
        WebTestClient publicPort =
                WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            Map<String, Object> body = publicPort
                    .get()
                    .uri(probe)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JSON)
                    .returnResult()
                    .getResponseBody();
            assertThat(body).as(probe).isEqualTo(Map.of("status", "UP"));
        }
        for (String hidden :
                new String[] {"/actuator/health", "/actuator/prometheus", "/actuator/metrics", "/actuator/info"}) {
            publicPort
                    .get()
                    .uri(hidden)
                    .exchange()
                    .expectStatus()
                    .value(status -> assertThat(status).as(hidden).isIn(401, 404));
        }

        WebTestClient management = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + managementPort)
                .build();
        assertThat(managementPort).isNotEqualTo(port);
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        management
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk();
    }
}
