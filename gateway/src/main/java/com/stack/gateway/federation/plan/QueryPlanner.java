package com.stack.gateway.federation.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.stack.gateway.federation.compose.Supergraph;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * Plans an operation into subgraph fetches. Root fields go to the subgraph that resolves them (one
 * fetch per subgraph for a query; consecutive fields per subgraph, in order, for a mutation). Below
 * that, each field stays in the current subgraph while it can resolve it; a field it cannot resolve
 * becomes part of an entity fetch from a subgraph that can, keyed by fields the current one adds to
 * its own selection. Fields bound for the same subgraph at the same place share one entity fetch.
 */
public final class QueryPlanner {

    private final Supergraph supergraph;
    private final GraphQLSchema schema;

    public QueryPlanner(Supergraph supergraph) {
        this.supergraph = supergraph;
        this.schema = supergraph.schema();
    }

    /**
     * @param variables the operation's variable definitions: a fetch whose arguments reference a variable
     *                  declares it as the operation does, and its value travels as a variable
     */
    public QueryPlan plan(ExecutableNormalizedOperation operation, List<VariableDefinition> variables) {
        OperationDefinition.Operation kind = operation.getOperation();
        String rootType = switch (kind) {
            case QUERY -> "Query";
            case MUTATION -> "Mutation";
            case SUBSCRIPTION -> "Subscription";
        };
        List<FetchNode> roots = new ArrayList<>();
        for (ExecutableNormalizedField field : operation.getTopLevelFields()) {
            if (field.getName().startsWith("__")) {
                continue; // introspection and __typename are answered by the gateway itself
            }
            String owner = supergraph.resolversOf(rootType, field.getName()).get(0);
            FetchNode node = rootNodeFor(roots, owner, rootType, kind == OperationDefinition.Operation.MUTATION);
            add(node.selections(), planField(operation, owner, field, node, List.of()));
        }
        Map<String, String> definitions = new LinkedHashMap<>();
        variables.forEach(v -> definitions.put(v.getName(), AstPrinter.printAst(v)));
        return new QueryPlan(kind, roots, definitions);
    }

    private static FetchNode rootNodeFor(List<FetchNode> roots, String subgraph, String rootType, boolean serial) {
        if (serial) {
            // mutations run in document order: only the last fetch may take another field
            if (!roots.isEmpty() && roots.get(roots.size() - 1).subgraph().equals(subgraph)) {
                return roots.get(roots.size() - 1);
            }
        } else {
            for (FetchNode root : roots) {
                if (root.subgraph().equals(subgraph)) {
                    return root;
                }
            }
        }
        FetchNode node = FetchNode.root(subgraph, rootType);
        roots.add(node);
        return node;
    }

    private Selection planField(
            ExecutableNormalizedOperation operation,
            String subgraph,
            ExecutableNormalizedField field,
            FetchNode node,
            List<String> path) {
        GraphQLFieldDefinition definition = field.getFieldDefinitions(schema).get(0);
        Selection selection = new Selection(
                field.getResultKey(),
                field.getName(),
                arguments(operation.getMergedField(field).getSingleField().getArguments(), node));
        GraphQLType type = GraphQLTypeUtil.unwrapAll(definition.getType());
        if (type instanceof GraphQLObjectType object) {
            List<String> below = new ArrayList<>(path);
            below.add(field.getResultKey());
            planObject(operation, subgraph, object.getName(), field.getChildren(), node, below, selection.children());
        }
        return selection;
    }

    /**
     * The client's arguments as written (validation made every merged occurrence of a field write the same
     * ones): literals printed back from the parsed document, variables as references the fetch declares.
     */
    private static String arguments(List<Argument> arguments, FetchNode node) {
        StringJoiner out = new StringJoiner(", ");
        for (Argument argument : arguments) {
            collectVariables(argument.getValue(), node);
            out.add(argument.getName() + ": " + AstPrinter.printAstCompact(argument.getValue()));
        }
        return out.toString();
    }

    private static void collectVariables(Value<?> value, FetchNode node) {
        if (value instanceof VariableReference reference) {
            node.variables().add(reference.getName());
        } else if (value instanceof ArrayValue array) {
            array.getValues().forEach(v -> collectVariables(v, node));
        } else if (value instanceof ObjectValue object) {
            object.getObjectFields().forEach(f -> collectVariables(f.getValue(), node));
        }
    }

    private void planObject(
            ExecutableNormalizedOperation operation,
            String subgraph,
            String typeName,
            List<ExecutableNormalizedField> fields,
            FetchNode node,
            List<String> path,
            List<Selection> into) {
        Map<String, List<ExecutableNormalizedField>> elsewhere = new LinkedHashMap<>();
        for (ExecutableNormalizedField field : fields) {
            if (field.getName().equals("__typename")) {
                add(into, new Selection(field.getResultKey(), "__typename", ""));
            } else if (supergraph.resolves(subgraph, typeName, field.getName())) {
                add(into, planField(operation, subgraph, field, node, path));
            } else {
                elsewhere
                        .computeIfAbsent(
                                resolverReachableFrom(subgraph, typeName, field.getName()), s -> new ArrayList<>())
                        .add(field);
            }
        }
        elsewhere.forEach((target, targetFields) -> {
            List<String> key = supergraph.keyIn(target, typeName).orElseThrow();
            key.forEach(k -> add(into, new Selection(FetchNode.KEY_ALIAS_PREFIX + k, k, "")));
            add(into, new Selection(FetchNode.TYPENAME_ALIAS, "__typename", ""));
            FetchNode child = node.children().stream()
                    .filter(c -> c.subgraph().equals(target)
                            && c.typeName().equals(typeName)
                            && c.path().equals(path))
                    .findFirst()
                    .orElseGet(() -> {
                        FetchNode created = FetchNode.entity(target, typeName, path, key);
                        node.children().add(created);
                        return created;
                    });
            planObject(operation, target, typeName, targetFields, child, List.of(), child.selections());
        });
    }

    /** A subgraph that resolves the field and whose key for the type the current subgraph can provide. */
    private String resolverReachableFrom(String subgraph, String typeName, String fieldName) {
        for (String candidate : supergraph.resolversOf(typeName, fieldName)) {
            List<String> key = supergraph.keyIn(candidate, typeName).orElse(null);
            if (key != null && key.stream().allMatch(k -> supergraph.resolves(subgraph, typeName, k))) {
                return candidate;
            }
        }
        // composition checks reachability, so this means the supergraph and the plan disagree
        throw new IllegalStateException(typeName + "." + fieldName + " is not reachable from " + subgraph);
    }

    private static void add(List<Selection> selections, Selection selection) {
        if (selections.stream().noneMatch(s -> s.responseKey().equals(selection.responseKey()))) {
            selections.add(selection);
        }
    }
}
