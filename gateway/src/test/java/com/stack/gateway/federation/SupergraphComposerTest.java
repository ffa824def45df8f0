package com.stack.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.stack.gateway.federation.compose.CompositionException;
import com.stack.gateway.federation.compose.SubgraphSchema;
import com.stack.gateway.federation.compose.Supergraph;
import com.stack.gateway.federation.compose.SupergraphComposer;
import org.junit.jupiter.api.Test;

class SupergraphComposerTest {

    static final String LINK =
            "extend schema @link(url: \"https://specs.apollo.dev/federation/v2.5\", import: [\"@key\", \"@shareable\"])\n";

    static final String USERS = LINK + """
            enum Chain { ETHEREUM SOLANA }
            type User @key(fields: "id") { id: ID! email: String }
            type Query { me: User! }
            """;
    static final String WALLETS = LINK + """
            enum Chain { ETHEREUM SOLANA }
            type Wallet { id: ID! chain: Chain! }
            type User @key(fields: "id") { id: ID! wallets: [Wallet!]! }
            type Query { depositAddress(chain: Chain!): Wallet! }
            """;

    static Supergraph compose(String... sdls) {
        List<SubgraphSchema> schemas = new java.util.ArrayList<>();
        for (int i = 0; i < sdls.length; i += 2) {
            schemas.add(new SubgraphSchema(sdls[i], "http://" + sdls[i], sdls[i + 1]));
        }
        return SupergraphComposer.compose(schemas);
    }

    @Test
    void entityFieldsFromSeveralSubgraphsMergeIntoOneType() {
        Supergraph supergraph = compose("users", USERS, "wallets", WALLETS);

        assertThat(supergraph.schema().getObjectType("User").getFieldDefinitions())
                .extracting(f -> f.getName())
                .containsExactly("id", "email", "wallets");
        assertThat(supergraph.resolversOf("User", "id")).containsExactly("users", "wallets");
        assertThat(supergraph.resolversOf("User", "wallets")).containsExactly("wallets");
        assertThat(supergraph.keyIn("wallets", "User")).contains(List.of("id"));
        assertThat(supergraph.schema().getQueryType().getFieldDefinition("_entities"))
                .isNull();
    }

    @Test
    void aFieldWithTwoOwnersMustBeShareable() {
        String other = LINK + "type Query { me: String }";
        assertThatThrownBy(() -> compose("users", USERS, "other", other))
                .isInstanceOf(CompositionException.class)
                .hasMessageContaining("Query.me");
    }

    @Test
    void conflictingFieldTypesAreReported() {
        String conflicting = LINK + """
                type User @key(fields: "id") { id: ID! email: Int @shareable }
                """;
        String shareableEmail = USERS.replace("email: String", "email: String @shareable");
        assertThatThrownBy(() -> compose("users", shareableEmail, "other", conflicting))
                .isInstanceOf(CompositionException.class)
                .hasMessageContaining("User.email has type String");
    }

    @Test
    void enumsMustAgree() {
        String wallets = WALLETS.replace("ETHEREUM SOLANA", "ETHEREUM SOLANA BITCOIN");
        assertThatThrownBy(() -> compose("users", USERS, "wallets", wallets))
                .isInstanceOf(CompositionException.class)
                .hasMessageContaining("enum Chain differs");
    }

    @Test
    void aFieldOutOfReachOfAnotherSubgraphIsRefused() {
        String noKey = LINK + """
                type Wallet { id: ID! }
                type User { id: ID! @shareable wallets: [Wallet!]! }
                type Query { depositAddress: Wallet! }
                """;
        String usersShareableId = USERS.replace(
                "type User @key(fields: \"id\") { id: ID!", "type User @key(fields: \"id\") { id: ID! @shareable");
        assertThatThrownBy(() -> compose("users", usersShareableId, "wallets", noKey))
                .isInstanceOf(CompositionException.class)
                .hasMessageContaining("User.wallets")
                .hasMessageContaining("cannot be reached from 'users'");
    }

    @Test
    void sdlThatDoesNotParseIsReportedWithItsSubgraph() {
        assertThatThrownBy(() -> compose("users", USERS, "broken", "type Query {"))
                .isInstanceOf(CompositionException.class)
                .hasMessageContaining("'broken'");
    }
}
