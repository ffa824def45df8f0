package com.stack.gateway.federation.compose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetcherFactories;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.ScalarInfo;

/**
 * How the gateway executes the supergraph schema once the subgraphs have answered: every field reads
 * its response key from the merged data, and custom scalars pass through untouched (their subgraph
 * validates input and formats output; the gateway must neither reinterpret money nor time).
 */
public final class SupergraphWiring {

    private SupergraphWiring() {}

    /** Reads a field's value from the merged subgraph data, by the field's response key (alias or name). */
    static final DataFetcher<Object> BY_RESPONSE_KEY = environment -> {
        Object source = environment.getSource();
        return source instanceof Map<?, ?> map ? map.get(environment.getField().getResultKey()) : null;
    };

    public static RuntimeWiring wiring(List<String> customScalars) {
        RuntimeWiring.Builder builder = RuntimeWiring.newRuntimeWiring()
                .codeRegistry(GraphQLCodeRegistry.newCodeRegistry()
                        .defaultDataFetcher(DataFetcherFactories.useDataFetcher(BY_RESPONSE_KEY)));
        for (String name : customScalars) {
            if (!ScalarInfo.isGraphqlSpecifiedScalar(name)) {
                builder.scalar(passThrough(name));
            }
        }
        return builder.build();
    }

    static GraphQLScalarType passThrough(String name) {
        return GraphQLScalarType.newScalar()
                .name(name)
                .coercing(new Coercing<Object, Object>() {
                    @Override
                    public Object serialize(Object value, GraphQLContext context, Locale locale) {
                        return value;
                    }

                    @Override
                    public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                        return input;
                    }

                    @Override
                    public Object parseLiteral(
                            Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                        return literal(input, variables);
                    }
                })
                .build();
    }

    private static Object literal(Value<?> value, CoercedVariables variables) {
        if (value instanceof StringValue s) {
            return s.getValue();
        }
        if (value instanceof IntValue i) {
            return i.getValue();
        }
        if (value instanceof FloatValue f) {
            return f.getValue();
        }
        if (value instanceof BooleanValue b) {
            return b.isValue();
        }
        if (value instanceof EnumValue e) {
            return e.getName();
        }
        if (value instanceof NullValue) {
            return null;
        }
        if (value instanceof VariableReference ref) {
            return variables.get(ref.getName());
        }
        if (value instanceof ArrayValue array) {
            return array.getValues().stream().map(v -> literal(v, variables)).toList();
        }
        if (value instanceof ObjectValue object) {
            Map<String, Object> map = new LinkedHashMap<>();
            object.getObjectFields().forEach(f -> map.put(f.getName(), literal(f.getValue(), variables)));
            return map;
        }
        return null;
    }
}
