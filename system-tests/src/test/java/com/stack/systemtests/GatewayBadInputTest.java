package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Whatever a signed-in client sends to /graphql, the answer is a well-formed GraphQL error: no stack
 * trace, no 500. (Without a valid token every request is refused first: {@link GatewayAuthenticationTest}.)
 */
class GatewayBadInputTest {

    static GatewayClient client;

    @BeforeAll
    static void startSuite() {
        StackSuite suite = StackSuite.shared();
        client = new GatewayClient(
                suite.gatewayUrl(), suite.issuer().token("auth0|" + UUID.randomUUID(), "bad@example.com"));
    }

    @Test
    void malformedJson() {
        assertGraphQlError(client.post("{\"query\": \"{ me { id }", MediaType.APPLICATION_JSON), 400, "BAD_REQUEST");
    }

    @Test
    void bodyThatIsNotAnObject() {
        assertGraphQlError(client.post("[1, 2, 3]", MediaType.APPLICATION_JSON), 400, "BAD_REQUEST");
    }

    @Test
    void missingQuery() {
        assertGraphQlError(client.post(Map.of("variables", Map.of())), 400, "BAD_REQUEST");
    }

    @Test
    void syntaxError() {
        assertGraphQlError(client.graphQl("{ me { id "), 400, "GRAPHQL_PARSE_FAILED");
    }

    @Test
    void unknownField() {
        GatewayClient.Response response = client.graphQl("{ me { id balanceOfEverything } }");
        assertGraphQlError(response, 400, "GRAPHQL_VALIDATION_FAILED");
        assertThat(String.valueOf(response.errors().get(0).get("message"))).contains("balanceOfEverything");
    }

    @Test
    void wrongVariableType() {
        assertGraphQlError(
                client.graphQl(
                        "query($first: Int) { me { deposits(first: $first) { pageInfo { hasNextPage } } } }",
                        Map.of("first", "many")),
                400,
                "BAD_USER_INPUT");
    }

    @Test
    void missingRequiredVariable() {
        assertGraphQlError(client.graphQl("query($id: ID!) { deposit(id: $id) { id } }"), 400, "BAD_USER_INPUT");
    }

    @Test
    void oneMegabyteQuery() {
        String huge = "{ me { id " + "kycStatus ".repeat(100_000) + "} }";
        assertThat(huge.length()).isGreaterThan(1_000_000);
        assertGraphQlError(client.graphQl(huge), 413, "REQUEST_TOO_LARGE");
    }

    @Test
    void manyTokensBelowTheSizeLimit() {
        String many = "{ me { " + "id ".repeat(40_000) + "} }";
        GatewayClient.Response response = client.graphQl(many);
        assertThat(response.status()).isIn(400, 413);
        assertThat(response.errors()).isNotEmpty();
    }

    @Test
    void tooDeep() {
        String deep = "{ "
                + "__schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType "
                + "{ ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } } } } }";
        GatewayClient.Response response = client.graphQl(deep);
        assertThat(response.status()).isNotEqualTo(500);
    }

    @Test
    void wrongContentType() {
        assertGraphQlError(client.post("query { me { id } }", MediaType.TEXT_PLAIN), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void subscriptionOverHttp() {
        assertGraphQlError(client.graphQl("subscription { depositUpdated { id } }"), 400, "SUBSCRIPTION_NOT_SUPPORTED");
    }

    private static void assertGraphQlError(GatewayClient.Response response, int status, String code) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.errors()).isNotEmpty();
        Map<String, Object> error = response.errors().get(0);
        assertThat(error.get("message")).isInstanceOf(String.class);
        assertThat(((Map<?, ?>) error.get("extensions")).get("code")).isEqualTo(code);
        assertThat(response.body().toString()).doesNotContain("at com.", "at org.", "Exception");
    }
}
