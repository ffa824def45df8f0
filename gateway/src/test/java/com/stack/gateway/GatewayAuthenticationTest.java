package com.stack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.stack.testsupport.GraphQlHttp;
import com.stack.testsupport.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway at the edge, over stub subgraphs: {@code /graphql} needs a valid OIDC token and
 * forwards it; without one the answer is a GraphQL-shaped 401 and no subgraph is called; the
 * gateway's own schema fetch carries its service token; probes and webhooks are open, and
 * webhooks reach the service that owns them.
 */
@SpringBootTest(
        classes = GatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=gateway", "logging.structured.format.console="})
class GatewayAuthenticationTest {

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

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    WebTestClient.ResponseSpec postGraphQl(String bearerToken, String query) {
        return GraphQlHttp.post("http://127.0.0.1:" + port + "/graphql", bearerToken, query);
    }

    @Test
    void aValidTokenGetsDataAndIsForwardedToTheSubgraphAsIs() {
        String token = ISSUER.token("auth0|" + UUID.randomUUID(), "ada@example.com");

        postGraphQl(token, "{ walletGreeting }")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.walletGreeting")
                .isEqualTo("hello from wallet")
                .jsonPath("$.errors")
                .doesNotExist();

        assertThat(SUBGRAPHS.received())
                .filteredOn(r -> r.subgraph().equals("wallet") && !r.isSchemaFetch())
                .last()
                .extracting(StubSubgraphs.Received::authorization)
                .isEqualTo("Bearer " + token);
    }

    @Test
    void withoutATokenTheAnswerIsAGraphQlShaped401AndNoSubgraphIsCalled() {
        long before = operationsReceived();

        EntityExchangeResult<Map<String, Object>> result = postGraphQl(null, "{ walletGreeting }")
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"stack\"")
                .expectBody(JSON)
                .returnResult();

        assertThat(result.getResponseBody()).containsOnlyKeys("errors");
        assertThat(errors(result)).singleElement().satisfies(error -> {
            assertThat(error).containsEntry("extensions", Map.of("code", "UNAUTHENTICATED"));
            assertThat((String) error.get("message")).contains("Authorization: Bearer");
        });
        assertThat(operationsReceived()).isEqualTo(before);
    }

    @Test
    void everyBadTokenAndTheGatewaysOwnServiceTokenAreRefusedWith401() {
        long before = operationsReceived();
        Map<String, String> tokens = new LinkedHashMap<>(ISSUER.invalidTokens("auth0|" + UUID.randomUUID()));
        tokens.put("a valid service token (for the subgraphs, never the edge)", ISSUER.serviceToken());

        tokens.forEach((kind, token) -> {
            EntityExchangeResult<Map<String, Object>> result = postGraphQl(token, "{ walletGreeting }")
                    .expectStatus()
                    .value(status -> assertThat(status).as(kind).isEqualTo(401))
                    .expectHeader()
                    .value(
                            HttpHeaders.WWW_AUTHENTICATE,
                            challenge -> assertThat(challenge).as(kind).startsWith("Bearer realm=\"stack\", error=\""))
                    .expectBody(JSON)
                    .returnResult();
            assertThat(errors(result))
                    .as(kind)
                    .singleElement()
                    .satisfies(
                            error -> assertThat(error).containsEntry("extensions", Map.of("code", "UNAUTHENTICATED")));
        });
        assertThat(operationsReceived()).isEqualTo(before);
    }

    @Test
    void theRefusalSaysWhatIsWrongWithTheToken() {
        String subject = "auth0|" + UUID.randomUUID();
        Map<String, String> tokens = ISSUER.invalidTokens(subject);

        assertThat(refusal(tokens.get("an expired token"))).isEqualTo("The access token has expired: sign in again");
        assertThat(refusal(tokens.get("a token from another issuer")))
                .isEqualTo("The access token was issued by an issuer this API does not trust");
        assertThat(refusal(tokens.get("a token for another audience")))
                .isEqualTo("The access token is meant for another API");
        assertThat(refusal(tokens.get("a token signed by a key the issuer never published")))
                .isEqualTo("The access token is not valid: it is malformed or its signature does not verify");
    }

    @Test
    void theSchemaIsFetchedWithTheGatewaysServiceToken() throws Exception {
        List<StubSubgraphs.Received> schemaFetches = SUBGRAPHS.received().stream()
                .filter(StubSubgraphs.Received::isSchemaFetch)
                .toList();
        assertThat(schemaFetches).extracting(StubSubgraphs.Received::subgraph).containsAll(StubSubgraphs.NAMES);

        for (StubSubgraphs.Received fetch : schemaFetches) {
            assertThat(fetch.authorization()).startsWith("Bearer ");
            SignedJWT token = SignedJWT.parse(fetch.authorization().substring("Bearer ".length()));
            assertThat(token.verify(new MACVerifier(ISSUER.serviceTokenSecret().getBytes(StandardCharsets.UTF_8))))
                    .isTrue();
            assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo("stack-gateway");
            assertThat(token.getJWTClaimsSet().getAudience()).containsExactly("stack-subgraphs");
        }
        client().get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void probesNeedNoToken() {
        client().get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk();
        client().get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void kycWebhooksReachOnboardingAndOtherWebhooksReachFundingWithoutAToken() {
        client().post()
                .uri("/webhooks/kyc")
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("onboarding");
        client().post()
                .uri("/webhooks/kyc/persona")
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("onboarding");
        client().post()
                .uri("/webhooks/circle")
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("funding");

        assertThat(SUBGRAPHS.received())
                .filteredOn(r -> r.path().startsWith("/webhooks"))
                .extracting(r -> r.subgraph() + " " + r.path())
                .contains("onboarding /webhooks/kyc", "onboarding /webhooks/kyc/persona", "funding /webhooks/circle");
    }

    private String refusal(String token) {
        EntityExchangeResult<Map<String, Object>> result = postGraphQl(token, "{ walletGreeting }")
                .expectStatus()
                .isUnauthorized()
                .expectBody(JSON)
                .returnResult();
        return (String) errors(result).get(0).get("message");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(EntityExchangeResult<Map<String, Object>> result) {
        return (List<Map<String, Object>>) result.getResponseBody().get("errors");
    }

    private static long operationsReceived() {
        return SUBGRAPHS.received().stream()
                .filter(r -> r.path().equals("/graphql") && !r.isSchemaFetch())
                .count();
    }
}
