package com.stack.gateway.federation.limit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.stack.gateway.federation.compose.Supergraph;
import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * What one operation asks for, counted as {@link QueryLimits} describes: root fields, fields and aliases per
 * occurrence with fragments expanded, the estimated cost, and whether it introspects the schema. Each
 * fragment is counted once per subgraph and size it is reached in and its tally reused for every spread,
 * so a document whose fragments spread each other many times is counted in time linear in its size, and
 * large figures saturate at {@link Long#MAX_VALUE} instead of overflowing.
 */
public final class OperationCost {

    /** A selection set's figures: fields directly in it (fragments expanded), all fields, aliases, cost. */
    public record Tally(long rootFields, long fields, long aliases, long cost, boolean introspection) {

        static final Tally NONE = new Tally(0, 0, 0, 0, false);

        Tally plus(Tally other) {
            return new Tally(
                    add(rootFields, other.rootFields),
                    add(fields, other.fields),
                    add(aliases, other.aliases),
                    add(cost, other.cost),
                    introspection || other.introspection);
        }
    }

    /** A limit the operation exceeds: its code, the limit and what the operation has. */
    public record Excess(String code, String message, long limit, long actual) {}

    private final Supergraph supergraph;
    private final QueryLimits limits;
    private final Map<String, FragmentDefinition> fragments = new HashMap<>();
    private final Map<String, VariableDefinition> variableDefinitions = new HashMap<>();
    private final Map<String, Object> variables;
    private final Map<String, Tally> fragmentTallies = new HashMap<>();
    private final Set<String> expanding = new HashSet<>();

    private OperationCost(
            Supergraph supergraph,
            QueryLimits limits,
            Document document,
            OperationDefinition operation,
            Map<String, Object> variables) {
        this.supergraph = supergraph;
        this.limits = limits;
        this.variables = variables;
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
        operation.getVariableDefinitions().forEach(v -> variableDefinitions.put(v.getName(), v));
    }

    /** The figures of {@code operation}, a validated operation of {@code document}. */
    public static Tally of(
            Supergraph supergraph,
            QueryLimits limits,
            Document document,
            OperationDefinition operation,
            Map<String, Object> variables) {
        GraphQLObjectType root = switch (operation.getOperation()) {
            case QUERY -> supergraph.schema().getQueryType();
            case MUTATION -> supergraph.schema().getMutationType();
            case SUBSCRIPTION -> supergraph.schema().getSubscriptionType();
        };
        return new OperationCost(supergraph, limits, document, operation, variables)
                .tally(operation.getSelectionSet(), root, null, 0);
    }

    /** The first limit {@code tally} exceeds, if any, in the order: aliases, root fields, fields, cost. */
    public static Excess excess(QueryLimits limits, Tally tally) {
        if (tally.aliases() > limits.maxAliases()) {
            return new Excess(
                    "TOO_MANY_ALIASES",
                    "The operation uses more than " + limits.maxAliases() + " aliases",
                    limits.maxAliases(),
                    tally.aliases());
        }
        if (tally.rootFields() > limits.maxRootFields()) {
            return new Excess(
                    "TOO_MANY_ROOT_FIELDS",
                    "The operation selects more than " + limits.maxRootFields() + " root fields",
                    limits.maxRootFields(),
                    tally.rootFields());
        }
        if (tally.fields() > limits.maxFields()) {
            return new Excess(
                    "TOO_MANY_FIELDS",
                    "The operation selects more than " + limits.maxFields() + " fields (fragments expanded)",
                    limits.maxFields(),
                    tally.fields());
        }
        if (tally.cost() > limits.maxCost()) {
            return new Excess(
                    "QUERY_TOO_COSTLY",
                    "The operation's estimated cost is over " + limits.maxCost()
                            + ": ask for smaller pages or fewer fields",
                    limits.maxCost(),
                    tally.cost());
        }
        return null;
    }

    /**
     * @param subgraph    the subgraph resolving the parent object, null at the root
     * @param pendingSize a size argument of an ancestor not yet applied to a list, 0 for none
     */
    private Tally tally(SelectionSet set, GraphQLCompositeType parent, String subgraph, long pendingSize) {
        Tally total = Tally.NONE;
        if (set == null) {
            return total;
        }
        for (graphql.language.Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                total = total.plus(field(field, parent, subgraph, pendingSize));
            } else if (selection instanceof InlineFragment inline) {
                GraphQLCompositeType type = inline.getTypeCondition() == null
                        ? parent
                        : (GraphQLCompositeType) supergraph
                                .schema()
                                .getType(inline.getTypeCondition().getName());
                total = total.plus(tally(inline.getSelectionSet(), type, subgraph, pendingSize));
            } else if (selection instanceof FragmentSpread spread) {
                total = total.plus(fragment(spread.getName(), subgraph, pendingSize));
            }
        }
        return total;
    }

    private Tally fragment(String name, String subgraph, long pendingSize) {
        String key = name + '\n' + subgraph + '\n' + pendingSize;
        Tally known = fragmentTallies.get(key);
        if (known != null) {
            return known;
        }
        FragmentDefinition definition = fragments.get(name);
        if (definition == null || !expanding.add(key)) {
            // validation refuses both before this runs: counted as over every limit rather than looped over
            return new Tally(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, false);
        }
        GraphQLCompositeType type = (GraphQLCompositeType)
                supergraph.schema().getType(definition.getTypeCondition().getName());
        Tally tally = tally(definition.getSelectionSet(), type, subgraph, pendingSize);
        expanding.remove(key);
        fragmentTallies.put(key, tally);
        return tally;
    }

    private Tally field(Field field, GraphQLCompositeType parent, String subgraph, long pendingSize) {
        long alias = field.getAlias() != null ? 1 : 0;
        String name = field.getName();
        if (name.equals("__schema") || name.equals("__type")) {
            return new Tally(1, 1, alias, 1, true);
        }
        GraphQLFieldDefinition definition =
                parent instanceof GraphQLFieldsContainer container ? container.getFieldDefinition(name) : null;
        if (definition == null) { // __typename, or a field validation let through on an abstract type
            return new Tally(1, 1, alias, 1, false);
        }
        String resolvedBy = subgraph;
        long cost = 1;
        if (parent instanceof GraphQLObjectType object && !name.startsWith("__")) {
            List<String> resolvers = supergraph.resolversOf(object.getName(), name);
            if (subgraph != null && !supergraph.resolves(subgraph, object.getName(), name) && !resolvers.isEmpty()) {
                cost += limits.entityFetchCost();
                resolvedBy = resolvers.get(0);
            } else if (subgraph == null && !resolvers.isEmpty()) {
                resolvedBy = resolvers.get(0);
            }
        }
        long ownSize = sizeArgument(field, definition);
        long multiplier = 1;
        long passDown = pendingSize;
        if (GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(definition.getType()))) {
            multiplier = ownSize > 0 ? ownSize : pendingSize > 0 ? pendingSize : limits.defaultListSize();
            passDown = 0;
        } else if (ownSize > 0) {
            passDown = ownSize; // a connection: its list below takes this size
        }
        GraphQLType type = GraphQLTypeUtil.unwrapAll(definition.getType());
        Tally children = type instanceof GraphQLCompositeType composite
                ? tally(field.getSelectionSet(), composite, resolvedBy, passDown)
                : Tally.NONE;
        return new Tally(
                1,
                add(1, children.fields()),
                add(alias, children.aliases()),
                add(cost, times(multiplier, children.cost())),
                children.introspection());
    }

    /** The {@code first} or {@code last} the field is asked with (or its default), 0 if it has none. */
    private long sizeArgument(Field field, GraphQLFieldDefinition definition) {
        for (String name : List.of("first", "last")) {
            GraphQLArgument declared = definition.getArgument(name);
            if (declared == null) {
                continue;
            }
            Argument given = field.getArguments().stream()
                    .filter(a -> a.getName().equals(name))
                    .findFirst()
                    .orElse(null);
            Object value = null;
            if (given != null && given.getValue() instanceof IntValue literal) {
                value = literal.getValue();
            } else if (given != null && given.getValue() instanceof VariableReference reference) {
                value = variables.containsKey(reference.getName())
                        ? variables.get(reference.getName())
                        : defaultOf(variableDefinitions.get(reference.getName()));
            } else if (given == null
                    && declared.hasSetDefaultValue()
                    && declared.getArgumentDefaultValue().getValue() instanceof IntValue literal) {
                value = literal.getValue();
            }
            if (value instanceof Number number) {
                return Math.max(
                        0,
                        new java.math.BigDecimal(number.toString())
                                .min(java.math.BigDecimal.valueOf(Long.MAX_VALUE))
                                .longValue());
            }
        }
        return 0;
    }

    private static Object defaultOf(VariableDefinition definition) {
        return definition != null && definition.getDefaultValue() instanceof IntValue literal
                ? literal.getValue()
                : null;
    }

    static long add(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    static long times(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
