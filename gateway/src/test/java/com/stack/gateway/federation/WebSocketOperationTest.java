package com.stack.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.stack.gateway.federation.compose.Supergraph;
import com.stack.gateway.federation.protocol.GraphQlRequest;
import com.stack.gateway.federation.protocol.GraphQlResponse;
import org.junit.jupiter.api.Test;

/** What the engine makes of a {@code subscribe} message: which subgraph serves it, with which document, or why not. */
class WebSocketOperationTest {

    static final String FUNDING = SupergraphComposerTest.LINK + """
            type Deposit @key(fields: "id") { id: ID! status: String! }
            type Query { deposit(id: ID!): Deposit }
            type Subscription { depositUpdated(id: ID!): Deposit! }
            """;
    static final String WALLETS = SupergraphComposerTest.LINK + """
            type Deposit @key(fields: "id") { id: ID! address: String }
            type Query { address: String }
            type Subscription { walletCreated: String! }
            """;

    final Supergraph supergraph = SupergraphComposerTest.compose("funding", FUNDING, "wallets", WALLETS);
    final FederatedGraphQl engine = new FederatedGraphQl(supergraph, null);

    WebSocketOperation prepare(String query, Map<String, Object> variables) {
        return engine.prepareWebSocketOperation(new GraphQlRequest(query, null, variables));
    }

    @Test
    void aSubscriptionGoesToTheSubgraphOwningItsRootFieldWithAliasesKeptAndVariablesForwarded() {
        WebSocketOperation operation = prepare("""
                subscription Watch($id: ID!) { update: depositUpdated(id: $id) { ...parts __typename } }
                fragment parts on Deposit { ref: id status }
                """, Map.of("id", "d-1"));

        assertThat(operation)
                .isEqualTo(new WebSocketOperation.Subscription(
                        "funding",
                        "http://funding",
                        "subscription($id: ID!) {update:depositUpdated(id: $id){ref:id status __typename}}",
                        Map.of("id", "d-1")));
    }

    @Test
    void aFieldOfAnotherSubgraphIsRefusedByName() {
        WebSocketOperation operation = prepare("subscription { depositUpdated(id: \"d\") { id address } }", Map.of());

        assertThat(operation)
                .isInstanceOfSatisfying(
                        WebSocketOperation.Refused.class,
                        refused -> assertThat(refused.errors()).singleElement().satisfies(error -> {
                            assertThat(error)
                                    .containsEntry("extensions", Map.of("code", "SUBSCRIPTION_FIELD_NOT_SUPPORTED"));
                            assertThat((String) error.get("message"))
                                    .startsWith("Deposit.address is not resolved by 'funding'");
                        }));
    }

    @Test
    void invalidOnesAreRefusedAsOverHttpAndQueriesRunAsSingleResults() {
        assertThat(code(prepare("subscription { depositUpdated(id: \"d\") { id } walletCreated }", Map.of())))
                .isEqualTo("GRAPHQL_VALIDATION_FAILED");
        assertThat(code(prepare("subscription($id: ID!) { depositUpdated(id: $id) { id } }", Map.of())))
                .isEqualTo("BAD_USER_INPUT");
        assertThat(code(prepare("subscription {", Map.of()))).isEqualTo("GRAPHQL_PARSE_FAILED");
        assertThat(prepare("{ address }", Map.of())).isInstanceOf(WebSocketOperation.SingleResult.class);
    }

    @Test
    void httpPointsSubscriptionsToTheWebSocket() {
        GraphQlResponse response = engine.execute(
                        new GraphQlRequest("subscription { walletCreated }", null, Map.of()), null)
                .block();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().toString()).contains("SUBSCRIPTION_NOT_SUPPORTED", "WebSocket to /graphql");
    }

    private static Object code(WebSocketOperation operation) {
        assertThat(operation).isInstanceOf(WebSocketOperation.Refused.class);
        return ((Map<?, ?>)
                        ((WebSocketOperation.Refused) operation).errors().get(0).get("extensions"))
                .get("code");
    }
}
