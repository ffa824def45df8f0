package com.stack.defaults.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.stack.contracts.input.InputBounds;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.fieldvalidation.FieldAndArguments;
import graphql.execution.instrumentation.fieldvalidation.FieldValidation;
import graphql.execution.instrumentation.fieldvalidation.FieldValidationEnvironment;
import org.springframework.graphql.execution.ErrorType;

/**
 * Refuses an operation, before any field runs, when an argument anywhere in it is out of {@link InputBounds}
 * (a string or list too long; a decimal is already refused by its scalar): {@code BAD_USER_INPUT} naming the
 * argument. The gateway checks the same bounds first; this holds for a service called directly too. The
 * federation fields ({@code _entities}) are the gateway's own calls, bounded by its query limits.
 */
public class InputBoundsValidation implements FieldValidation {

    private final InputBounds.Limits limits;

    public InputBoundsValidation(InputBounds.Limits limits) {
        this.limits = limits;
    }

    @Override
    public List<GraphQLError> validateFields(FieldValidationEnvironment environment) {
        List<GraphQLError> errors = new ArrayList<>();
        for (FieldAndArguments field : environment.getFields()) {
            String name = field.getFieldDefinition().getName();
            Map<String, Object> arguments = field.getArgumentValuesByName();
            if (name.startsWith("_") || arguments.isEmpty()) {
                continue;
            }
            InputBounds.Violation violation =
                    InputBounds.checkArguments(name, field.getFieldDefinition(), arguments, limits);
            if (violation != null) {
                errors.add(GraphqlErrorBuilder.newError()
                        .message(violation.path() + " " + violation.message())
                        .path(field.getPath())
                        .errorType(ErrorType.BAD_REQUEST)
                        .extensions(Map.of("code", "BAD_USER_INPUT", "field", violation.path()))
                        .build());
            }
        }
        return errors;
    }
}
