package com.stack.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.stack.gateway.federation.compose.Supergraph;
import com.stack.gateway.federation.plan.FetchNode;
import com.stack.gateway.federation.plan.QueryPlan;
import com.stack.gateway.federation.plan.QueryPlanner;
import graphql.execution.RawVariables;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

class QueryPlannerTest {

    static final String FUNDING = SupergraphComposerTest.LINK + """
            scalar Decimal
            type Balance { buyingPowerUsd: Decimal! }
            type Deposit { id: ID! }
            type User @key(fields: "id") { id: ID! balance: Balance! deposits(first: Int = 20): [Deposit!]! }
            type Query { deposit(id: ID!): Deposit }
            """;

    final Supergraph supergraph = SupergraphComposerTest.compose("users", SupergraphComposerTest.USERS,
            "wallets", SupergraphComposerTest.WALLETS, "funding", FUNDING);

    QueryPlan plan(String query, Map<String, Object> variables) {
        return new QueryPlanner(supergraph).plan(ExecutableNormalizedOperationFactory
                .createExecutableNormalizedOperationWithRawVariables(supergraph.schema(), Parser.parse(query), null,
                        RawVariables.of(variables)));
    }

    @Test
    void fieldsOfOneEntityFromAnotherSubgraphShareOneEntityFetch() {
        QueryPlan plan = plan("{ me { email wallets { chain } balance { buyingPowerUsd } d: deposits(first: 2) { id } } }",
                Map.of());

        assertThat(plan.roots()).singleElement().satisfies(root -> {
            assertThat(root.subgraph()).isEqualTo("users");
            assertThat(root.printSelections()).isEqualTo("{me{email _fk_id:id _fk__typename:__typename}}");
            assertThat(root.children()).extracting(FetchNode::subgraph).containsExactly("wallets", "funding");
            FetchNode funding = root.children().get(1);
            assertThat(funding.path()).containsExactly("me");
            assertThat(funding.keyFields()).containsExactly("id");
            assertThat(funding.printSelections()).isEqualTo("{balance{buyingPowerUsd} d:deposits(first: 2){id}}");
        });
    }

    @Test
    void rootFieldsOfDifferentSubgraphsAreSeparateConcurrentFetchesAndArgumentsAreInlined() {
        QueryPlan plan = plan("query($id: ID!) { deposit(id: $id) { id } depositAddress(chain: SOLANA) { id } }",
                Map.of("id", "a\"b"));

        assertThat(plan.roots()).extracting(FetchNode::subgraph).containsExactly("funding", "wallets");
        assertThat(plan.roots().get(0).printSelections()).isEqualTo("{deposit(id: \"a\\\"b\"){id}}");
        assertThat(plan.roots().get(1).printSelections()).isEqualTo("{depositAddress(chain: SOLANA){id}}");
    }

    @Test
    void skippedFieldsAreNotFetched() {
        QueryPlan plan = plan("query($no: Boolean!) { me { email wallets @skip(if: $no) { chain } } }", Map.of("no", true));
        assertThat(plan.roots().get(0).children()).isEmpty();
    }
}
