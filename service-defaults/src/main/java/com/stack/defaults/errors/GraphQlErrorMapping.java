package com.stack.defaults.errors;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolver;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;

/**
 * Maps exceptions to GraphQL errors in one place: a {@link StackException} becomes its message and
 * code; anything else is logged with its stack trace and reaches the client only as an opaque
 * internal error, so no internals leak. The same mapping serves the errors of a subscription's stream
 * ({@link #subscriptions()}), which Spring GraphQL resolves apart from a field's.
 */
public class GraphQlErrorMapping extends DataFetcherExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(GraphQlErrorMapping.class);

    public GraphQlErrorMapping() {
        setThreadLocalContextAware(true);
    }

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        return error(
                ex,
                GraphqlErrorBuilder.newError(env),
                env.getExecutionStepInfo().getPath());
    }

    /**
     * The mapping for a subscription whose stream fails (a graphql-transport-ws {@code error} message); without
     * it, Spring GraphQL answers every such failure with an INTERNAL_ERROR "Subscription error".
     */
    public static SubscriptionExceptionResolver subscriptions() {
        SubscriptionExceptionResolverAdapter resolver = new SubscriptionExceptionResolverAdapter() {
            @Override
            protected GraphQLError resolveToSingleError(Throwable ex) {
                return error(ex, GraphqlErrorBuilder.newError(), "a subscription");
            }
        };
        resolver.setThreadLocalContextAware(true);
        return resolver;
    }

    private static GraphQLError error(Throwable ex, GraphqlErrorBuilder<?> error, Object where) {
        if (ex instanceof StackException business) {
            Map<String, Object> extensions = new LinkedHashMap<>(business.extensions());
            extensions.put("code", business.code());
            if (business instanceof InvalidInputException invalid) {
                extensions.put("field", invalid.field());
            }
            return error.message(business.getMessage())
                    .errorType(errorType(business.kind()))
                    .extensions(extensions)
                    .build();
        }
        log.error("Unexpected failure resolving {}", where, ex);
        return error.message("Internal error")
                .errorType(ErrorType.INTERNAL_ERROR)
                .extensions(Map.of("code", "INTERNAL"))
                .build();
    }

    private static ErrorType errorType(StackException.ErrorKind kind) {
        return switch (kind) {
            case BAD_REQUEST, CONFLICT, TOO_MANY_REQUESTS -> ErrorType.BAD_REQUEST;
            case UNAUTHENTICATED -> ErrorType.UNAUTHORIZED;
            case FORBIDDEN -> ErrorType.FORBIDDEN;
            case NOT_FOUND -> ErrorType.NOT_FOUND;
            case UNAVAILABLE -> ErrorType.INTERNAL_ERROR;
        };
    }
}
