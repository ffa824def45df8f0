package com.stack.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.stack.gateway.federation.compose.Supergraph;
import com.stack.gateway.federation.plan.FetchNode;
import com.stack.gateway.federation.plan.QueryPlan;
import com.stack.gateway.federation.plan.QueryPlanner;
import graphql.execution.RawVariables;
import graphql.language.Document;
import graphql.language.OperationDefinition;
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

    final Supergraph supergraph = SupergraphComposerTest.compose(
            "users", SupergraphComposerTest.USERS, "wallets", SupergraphComposerTest.WALLETS, "funding", FUNDING);

    QueryPlan plan(String query, Map<String, Object> variables) {
        Document document = Parser.parse(query);
        return new QueryPlanner(supergraph)
                .plan(
                        ExecutableNormalizedOperationFactory.createExecutableNormalizedOperationWithRawVariables(
                                supergraph.schema(), document, null, RawVariables.of(variables)),
                        document.getDefinitionsOfType(OperationDefinition.class)
                                .get(0)
                                .getVariableDefinitions());
    }

    @Test
    void fieldsOfOneEntityFromAnotherSubgraphShareOneEntityFetch() {
        QueryPlan plan = plan(
                "{ me { email wallets { chain } balance { buyingPowerUsd } d: deposits(first: 2) { id } } }", Map.of());

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
    void rootFieldsOfDifferentSubgraphsAreSeparateConcurrentFetchesThatReferenceTheVariablesTheyUse() {
        QueryPlan plan = plan(
                "query($id: ID!, $n: Int = 3) { deposit(id: $id) { id } depositAddress(chain: SOLANA) { id } "
                        + "me { deposits(first: $n) { id } } }",
                Map.of("id", "a\"b"));

        assertThat(plan.roots()).extracting(FetchNode::subgraph).containsExactly("funding", "wallets", "users");
        FetchNode funding = plan.roots().get(0);
        assertThat(funding.printSelections()).isEqualTo("{deposit(id: $id){id}}");
        assertThat(plan.declarations(funding)).isEqualTo("($id: ID!)");
        assertThat(plan.variablesOf(funding, Map.of("id", "a\"b", "n", 1))).isEqualTo(Map.of("id", "a\"b"));
        assertThat(plan.roots().get(1).printSelections()).isEqualTo("{depositAddress(chain: SOLANA){id}}");
        assertThat(plan.declarations(plan.roots().get(1))).isEmpty();
        FetchNode deposits = plan.roots().get(2).children().get(0);
        assertThat(deposits.printSelections()).isEqualTo("{deposits(first: $n){id}}");
        assertThat(plan.declarations(deposits)).isEqualTo("($n: Int = 3)");
    }

    @Test
    void skippedFieldsAreNotFetched() {
        QueryPlan plan =
                plan("query($no: Boolean!) { me { email wallets @skip(if: $no) { chain } } }", Map.of("no", true));
        assertThat(plan.roots().get(0).children()).isEmpty();
    }
}
