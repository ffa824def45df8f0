package com.stack.gateway.federation.plan;

import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;

/**
 * Prints coerced argument values back as GraphQL literals for the subgraph query, so the gateway
 * forwards no client variables: each subgraph fetch is self-contained and its values were already
 * validated against the supergraph schema.
 */
final class LiteralPrinter {

    private LiteralPrinter() {
    }

    static String arguments(GraphQLFieldDefinition definition, Map<String, Object> resolved) {
        StringJoiner out = new StringJoiner(", ");
        for (Map.Entry<String, Object> argument : resolved.entrySet()) {
            GraphQLArgument declared = definition.getArgument(argument.getKey());
            if (declared != null) {
                out.add(argument.getKey() + ": " + literal(argument.getValue(), declared.getType()));
            }
        }
        return out.toString();
    }

    static String literal(Object value, GraphQLInputType type) {
        if (value == null) {
            return "null";
        }
        if (type instanceof GraphQLNonNull nonNull) {
            return literal(value, (GraphQLInputType) nonNull.getWrappedType());
        }
        if (type instanceof GraphQLList list) {
            GraphQLInputType item = (GraphQLInputType) list.getWrappedType();
            if (value instanceof Collection<?> items) {
                StringJoiner out = new StringJoiner(", ", "[", "]");
                items.forEach(v -> out.add(literal(v, item)));
                return out.toString();
            }
            return literal(value, item);
        }
        if (type instanceof GraphQLInputObjectType object && value instanceof Map<?, ?> fields) {
            StringJoiner out = new StringJoiner(", ", "{", "}");
            for (Map.Entry<?, ?> field : fields.entrySet()) {
                GraphQLInputObjectField declared = object.getField(String.valueOf(field.getKey()));
                if (declared != null) {
                    out.add(field.getKey() + ": " + literal(field.getValue(), declared.getType()));
                }
            }
            return out.toString();
        }
        if (type instanceof GraphQLEnumType) {
            return String.valueOf(value);
        }
        return scalar(value);
    }

    /** Built-in and pass-through custom scalars: strings quoted, numbers and booleans as they are. */
    private static String scalar(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof Map<?, ?> map) {
            StringJoiner out = new StringJoiner(", ", "{", "}");
            map.forEach((k, v) -> out.add(k + ": " + scalar(v)));
            return out.toString();
        }
        if (value instanceof Collection<?> items) {
            StringJoiner out = new StringJoiner(", ", "[", "]");
            items.forEach(v -> out.add(scalar(v)));
            return out.toString();
        }
        return quote(String.valueOf(value));
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
