package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.testsupport.GraphQlHttp;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole suite's authentication: the gateway refuses a request without a valid OIDC token with a
 * GraphQL-shaped 401, and so does every subgraph called directly, whatever user-id header it
 * carries; the gateway composes the subgraphs with its own service token and is ready.
 */
class GatewayAuthenticationTest {

    static StackSuite suite;

    @BeforeAll
    static void startSuite() {
        suite = StackSuite.shared();
    }

    @Test
    void withoutATokenTheGatewayAnswers401WithAGraphQlError() {
        GatewayClient.Response response = new GatewayClient(suite.gatewayUrl(), null).graphQl("{ me { id } }");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).containsOnlyKeys("errors");
        assertThat(response.errors())
                .singleElement()
                .satisfies(error -> assertThat(error).containsEntry("extensions", Map.of("code", "UNAUTHENTICATED")));
        GraphQlHttp.post(suite.gatewayUrl() + "/graphql", null, "{ me { id } }")
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"stack\"");
    }

    @Test
    void forgedExpiredAndForeignTokensAreRefusedWith401() {
        suite.issuer().invalidTokens("auth0|" + UUID.randomUUID()).forEach((kind, token) -> {
            GatewayClient.Response response = new GatewayClient(suite.gatewayUrl(), token).graphQl("{ me { id } }");
            assertThat(response.status()).as(kind).isEqualTo(401);
            assertThat(response.errors())
                    .as(kind)
                    .singleElement()
                    .satisfies(
                            error -> assertThat(error).containsEntry("extensions", Map.of("code", "UNAUTHENTICATED")));
        });
    }

    @Test
    void aValidTokenGetsData() {
        GatewayClient client = new GatewayClient(
                suite.gatewayUrl(), suite.issuer().token("auth0|" + UUID.randomUUID(), "valid@example.com"));
        GatewayClient.Response response = client.graphQl("{ baskets { name } }");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.errors()).isEmpty();
        assertThat(response.<List<?>>at("baskets")).hasSize(3);
    }

    @Test
    void aSubgraphCalledDirectlyRefusesRequestsWithoutAValidTokenWhateverUserIdTheyClaim() {
        String someone = UUID.randomUUID().toString();
        String forged = suite.issuer()
                .invalidTokens("auth0|" + UUID.randomUUID())
                .get("a token signed by a key the issuer never published");
        suite.subgraphUrls().forEach((name, url) -> {
            for (String token : new String[] {null, forged}) {
                WebTestClient.bindToServer()
                        .baseUrl(url)
                        .build()
                        .post()
                        .headers(headers -> {
                            headers.set("X-User-Id", someone);
                            headers.set("X-Forwarded-User", someone);
                            if (token != null) {
                                headers.setBearerAuth(token);
                            }
                        })
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("query", "{ _service { sdl } }"))
                        .exchange()
                        .expectStatus()
                        .value(status -> assertThat(status).as(name).isEqualTo(401));
            }
        });
    }

    @Test
    void theGatewayComposedTheSubgraphsWithItsServiceTokenAndIsReady() {
        WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + StackSuite.managementPort(suite.gateway()))
                .build()
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.components.supergraph.status")
                .isEqualTo("UP");
        // the public port says ready, and nothing else
        WebTestClient.bindToServer()
                .baseUrl(suite.gatewayUrl())
                .build()
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"status\":\"UP\"}", org.springframework.test.json.JsonCompareMode.STRICT);
        // the service token opens the schema, and only the schema, of every subgraph
        suite.subgraphUrls()
                .forEach((name, url) -> GraphQlHttp.post(url, suite.issuer().serviceToken(), "{ _service { sdl } }")
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.data._service.sdl")
                        .value(String.class, sdl -> assertThat(sdl).as(name).contains("@key")));
    }

    @Test
    void kycWebhooksAreRoutedToOnboardingWithoutAToken() {
        double onboardingBefore = serverRequests("onboarding");
        double fundingBefore = serverRequests("funding");

        // no bearer token and no KYC signature: the gateway lets it through, onboarding's webhook refuses it
        WebTestClient.bindToServer()
                .baseUrl(suite.gatewayUrl())
                .build()
                .post()
                .uri("/webhooks/kyc")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_signature");

        // the server records a request once its response is complete: wait for onboarding's count
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(serverRequests("onboarding")).isEqualTo(onboardingBefore + 1));
        assertThat(serverRequests("funding")).isEqualTo(fundingBefore);
    }

    private static double serverRequests(String service) {
        MeterRegistry meters = suite.service(service).getBean(MeterRegistry.class);
        return meters.find("http.server.requests").timers().stream()
                .mapToDouble(Timer::count)
                .sum();
    }
}
