package com.stack.gateway.federation.compose;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import graphql.schema.GraphQLSchema;

/**
 * The composed supergraph: the schema clients see, plus for every object field the subgraphs that
 * can resolve it and for every entity the key each subgraph resolves it by.
 *
 * @param schema       the client-facing schema (no federation internals)
 * @param sdl          the same schema printed, for humans and the contract test
 * @param subgraphUrls subgraph name to its GraphQL endpoint, in configuration order
 * @param resolvers    "Type.field" to the subgraphs that resolve it, in configuration order
 * @param entityKeys   type name to subgraph name to its resolvable key fields
 */
public record Supergraph(
        GraphQLSchema schema,
        String sdl,
        Map<String, String> subgraphUrls,
        Map<String, List<String>> resolvers,
        Map<String, Map<String, List<String>>> entityKeys) {

    public List<String> resolversOf(String typeName, String fieldName) {
        return resolvers.getOrDefault(typeName + "." + fieldName, List.of());
    }

    public boolean resolves(String subgraph, String typeName, String fieldName) {
        return resolversOf(typeName, fieldName).contains(subgraph);
    }

    /** The key fields by which {@code subgraph} resolves entities of {@code typeName}, if it does. */
    public Optional<List<String>> keyIn(String subgraph, String typeName) {
        return Optional.ofNullable(entityKeys.getOrDefault(typeName, Map.of()).get(subgraph));
    }

    public Set<String> subgraphNames() {
        return subgraphUrls.keySet();
    }
}
