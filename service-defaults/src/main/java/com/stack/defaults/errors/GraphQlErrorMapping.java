package com.stack.defaults.errors;

import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;

/**
 * Maps exceptions to GraphQL errors in one place: a {@link StackException} becomes its message and
 * code; anything else is logged with its stack trace and reaches the client only as an opaque
 * internal error, so no internals leak.
 */
public class GraphQlErrorMapping extends DataFetcherExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(GraphQlErrorMapping.class);

    public GraphQlErrorMapping() {
        setThreadLocalContextAware(true);
    }

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (ex instanceof StackException business) {
            Map<String, Object> extensions = business instanceof InvalidInputException invalid
                    ? Map.of("code", business.code(), "field", invalid.field())
                    : Map.of("code", business.code());
            return GraphqlErrorBuilder.newError(env)
                    .message(business.getMessage())
                    .errorType(errorType(business.kind()))
                    .extensions(extensions)
                    .build();
        }
        log.error("Unexpected failure resolving {}", env.getExecutionStepInfo().getPath(), ex);
        return GraphqlErrorBuilder.newError(env)
                .message("Internal error")
                .errorType(ErrorType.INTERNAL_ERROR)
                .extensions(Map.of("code", "INTERNAL"))
                .build();
    }

    private static ErrorType errorType(StackException.ErrorKind kind) {
        return switch (kind) {
            case BAD_REQUEST, CONFLICT -> ErrorType.BAD_REQUEST;
            case UNAUTHENTICATED -> ErrorType.UNAUTHORIZED;
            case FORBIDDEN -> ErrorType.FORBIDDEN;
            case NOT_FOUND -> ErrorType.NOT_FOUND;
            case UNAVAILABLE -> ErrorType.INTERNAL_ERROR;
        };
    }
}
