package com.stack.gateway.federation;

import java.util.List;

import com.stack.contracts.input.InputBounds;
import graphql.normalized.ExecutableNormalizedField;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;

/**
 * The gateway's check of every argument of an operation against {@link InputBounds}, the same bounds the
 * subgraphs keep, before any subgraph is called: a decimal with an exponent or too many digits, a string or
 * list too long, anywhere in the operation, refuses it with {@code BAD_USER_INPUT} naming the argument. The
 * gateway passes custom scalars through untouched, so this is where their text is checked.
 */
public final class InputArguments {

    private final GraphQLSchema schema;
    private final InputBounds.Limits limits;

    public InputArguments(GraphQLSchema schema, InputBounds.Limits limits) {
        this.schema = schema;
        this.limits = limits;
    }

    /** The first argument out of bounds among {@code fields} and everything below them, or null. */
    public InputBounds.Violation firstViolation(List<ExecutableNormalizedField> fields) {
        return firstViolation(fields, "");
    }

    private InputBounds.Violation firstViolation(List<ExecutableNormalizedField> fields, String parent) {
        for (ExecutableNormalizedField field : fields) {
            String path = parent + field.getName();
            if (!field.getResolvedArguments().isEmpty()) {
                List<GraphQLFieldDefinition> definitions = field.getFieldDefinitions(schema);
                if (!definitions.isEmpty()) {
                    InputBounds.Violation violation =
                            InputBounds.checkArguments(path, definitions.get(0), field.getResolvedArguments(), limits);
                    if (violation != null) {
                        return violation;
                    }
                }
            }
            InputBounds.Violation below = firstViolation(field.getChildren(), path + ".");
            if (below != null) {
                return below;
            }
        }
        return null;
    }
}
