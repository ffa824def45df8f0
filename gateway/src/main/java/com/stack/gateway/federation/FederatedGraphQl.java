package com.stack.gateway.federation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.stack.contracts.input.InputBounds;
import com.stack.gateway.federation.compose.Supergraph;
import com.stack.gateway.federation.execute.FetchedData;
import com.stack.gateway.federation.execute.PlanExecutor;
import com.stack.gateway.federation.limit.OperationCost;
import com.stack.gateway.federation.plan.FetchNode;
import com.stack.gateway.federation.plan.QueryPlan;
import com.stack.gateway.federation.plan.QueryPlanner;
import com.stack.gateway.federation.protocol.GraphQlRequest;
import com.stack.gateway.federation.protocol.GraphQlResponse;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.execution.CoercedVariables;
import graphql.execution.ExecutionId;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import graphql.language.Document;
import graphql.language.NodeUtil;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.validation.ValidationError;
import reactor.core.publisher.Mono;

/**
 * The gateway's GraphQL engine for one composed supergraph: validates the operation against the
 * supergraph schema, plans it into subgraph fetches, runs them, and lets graphql-java shape the
 * merged data into the response the client asked for (aliases, fragments, {@code __typename},
 * introspection, and null propagation for non-null fields).
 */
public final class FederatedGraphQl {

    private static final java.util.concurrent.atomic.AtomicLong EXECUTIONS =
            new java.util.concurrent.atomic.AtomicLong();

    /** Deeper operations are refused before any subgraph is called. */
    static final int MAX_DEPTH = 15;

    private final Supergraph supergraph;
    private final GraphQL graphQl;
    private final QueryPlanner planner;
    private final PlanExecutor executor;
    private final OperationRules rules;
    private final InputArguments inputs;

    public FederatedGraphQl(Supergraph supergraph, PlanExecutor executor) {
        this(supergraph, executor, OperationRules.defaults());
    }

    /** @param rules limits, introspection and per-user mutation budgets checked before any subgraph call */
    public FederatedGraphQl(Supergraph supergraph, PlanExecutor executor, OperationRules rules) {
        this.rules = rules;
        this.inputs = new InputArguments(supergraph.schema(), rules.limits().inputs());
        this.supergraph = supergraph;
        this.graphQl = GraphQL.newGraphQL(supergraph.schema())
                // graphql-java's default id generator seeds a SecureRandom on first use, a blocking
                // read on an event-loop thread; a counter identifies executions just as well
                .executionIdProvider((query, operationName, context) ->
                        ExecutionId.from(Long.toString(EXECUTIONS.incrementAndGet())))
                .build();
        this.planner = new QueryPlanner(supergraph);
        this.executor = executor;
    }

    public Supergraph supergraph() {
        return supergraph;
    }

    public Mono<GraphQlResponse> execute(GraphQlRequest request, String authorization) {
        Prepared prepared = prepare(request);
        if (prepared.refusal() != null) {
            return Mono.just(prepared.refusal());
        }
        if (prepared.operation().getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
            return Mono.just(GraphQlResponse.requestError(
                    400,
                    "SUBSCRIPTION_NOT_SUPPORTED",
                    "Subscriptions are not served over HTTP: open a WebSocket to /graphql (subprotocol "
                            + "graphql-transport-ws) and subscribe there"));
        }
        ExecutionInput input = prepared.input();
        Mono<GraphQlResponse> run = executor.execute(
                        supergraph,
                        planner.plan(prepared.operation(), prepared.definition().getVariableDefinitions()),
                        request.variables(),
                        authorization)
                .flatMap(fetched -> Mono.fromFuture(
                                () -> graphQl.executeAsync(input.transform(b -> b.root(fetched.data()))))
                        .map(result -> respond(result, fetched)));
        if (rules.rateLimits() == null
                || prepared.operation().getOperation() != OperationDefinition.Operation.MUTATION) {
            return run;
        }
        // one name per root field the subgraphs will run: aliases of the same mutation are separate calls
        List<String> roots = prepared.operation().getTopLevelFields().stream()
                .map(ExecutableNormalizedField::getName)
                .toList();
        return rules.rateLimits().refusal(roots, authorization).switchIfEmpty(run);
    }

    /**
     * What a {@code subscribe} message over WebSocket asks for, checked as an HTTP request is (syntax,
     * validation against the supergraph, variables, depth). A query or mutation is run by
     * {@link #execute} as over HTTP. A subscription must select exactly one root field, and every field
     * below it must be resolved by the subgraph that owns that root field: the gateway relays the
     * subgraph's events, it does not join them with other subgraphs' data (yet).
     */
    public WebSocketOperation prepareWebSocketOperation(GraphQlRequest request) {
        Prepared prepared = prepare(request);
        if (prepared.refusal() != null) {
            return new WebSocketOperation.Refused(errorsOf(prepared.refusal()));
        }
        ExecutableNormalizedOperation operation = prepared.operation();
        if (operation.getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
            return new WebSocketOperation.SingleResult(request);
        }
        List<ExecutableNormalizedField> roots = operation.getTopLevelFields();
        if (roots.size() != 1 || roots.get(0).getName().startsWith("__")) {
            return refused(
                    "GRAPHQL_VALIDATION_FAILED",
                    "A subscription selects exactly one root field, and not an introspection field");
        }
        ExecutableNormalizedField root = roots.get(0);
        String owner = supergraph.resolversOf("Subscription", root.getName()).get(0);
        String foreign = firstFieldNotResolvedBy(owner, root.getChildren());
        if (foreign != null) {
            return refused(
                    "SUBSCRIPTION_FIELD_NOT_SUPPORTED",
                    foreign + " is not resolved by '" + owner
                            + "', which serves Subscription." + root.getName()
                            + ": a subscription through the gateway can only select fields of the subgraph that owns it");
        }
        // the planned fetch keeps the client's aliases and references the client's variables, so the
        // subgraph's events already have the shape the client asked for
        QueryPlan plan = planner.plan(operation, prepared.definition().getVariableDefinitions());
        FetchNode fetch = plan.roots().get(0);
        String document = "subscription" + plan.declarations(fetch) + " " + fetch.printSelections();
        return new WebSocketOperation.Subscription(
                owner, supergraph.subgraphUrls().get(owner), document, plan.variablesOf(fetch, request.variables()));
    }

    /** "Type.field" of the first selected field below a subscription's root that {@code subgraph} does not resolve. */
    private String firstFieldNotResolvedBy(String subgraph, List<ExecutableNormalizedField> fields) {
        for (ExecutableNormalizedField field : fields) {
            if (!field.getName().equals("__typename")) {
                for (String typeName : field.getObjectTypeNames()) {
                    if (!supergraph.resolves(subgraph, typeName, field.getName())) {
                        return typeName + "." + field.getName();
                    }
                }
            }
            String below = firstFieldNotResolvedBy(subgraph, field.getChildren());
            if (below != null) {
                return below;
            }
        }
        return null;
    }

    /** Parses, validates, checks the limits, normalizes and checks the depth: the operation, or the response that refuses it. */
    private Prepared prepare(GraphQlRequest request) {
        ExecutionInput input = ExecutionInput.newExecutionInput(request.query())
                .operationName(request.operationName())
                .variables(request.variables())
                .build();
        ParseAndValidateResult parsed = ParseAndValidate.parseAndValidate(supergraph.schema(), input);
        if (parsed.isFailure()) {
            String code = parsed.getSyntaxException() != null ? "GRAPHQL_PARSE_FAILED" : "GRAPHQL_VALIDATION_FAILED";
            return Prepared.refused(GraphQlResponse.requestErrors(
                    400,
                    parsed.getErrors().stream()
                            .map(error -> withCode(error, code))
                            .toList()));
        }
        OperationDefinition definition;
        ExecutableNormalizedOperation operation;
        try {
            definition = NodeUtil.getOperation(parsed.getDocument(), request.operationName()).operationDefinition;
            GraphQlResponse refusal = refusalOf(OperationCost.of(
                    supergraph, rules.limits(), parsed.getDocument(), definition, request.variables()));
            if (refusal != null) {
                return Prepared.refused(refusal);
            }
            operation = normalize(parsed.getDocument(), definition, request);
        } catch (RuntimeException e) {
            return Prepared.refused(GraphQlResponse.requestError(400, "BAD_USER_INPUT", describe(e)));
        }
        if (depth(operation.getTopLevelFields()) > MAX_DEPTH) {
            return Prepared.refused(GraphQlResponse.requestError(
                    400, "QUERY_TOO_DEEP", "The operation nests fields more than " + MAX_DEPTH + " levels deep"));
        }
        InputBounds.Violation violation = inputs.firstViolation(operation.getTopLevelFields());
        if (violation != null) {
            return Prepared.refused(
                    GraphQlResponse.invalidInput(violation.path(), violation.path() + " " + violation.message()));
        }
        return new Prepared(input, definition, operation, null);
    }

    /** Introspection outside the local profile, or the first limit the operation exceeds; null if none. */
    private GraphQlResponse refusalOf(OperationCost.Tally tally) {
        if (tally.introspection() && !rules.introspection()) {
            return GraphQlResponse.requestError(
                    400, "INTROSPECTION_DISABLED", "Introspection (__schema, __type) is turned off on this gateway");
        }
        OperationCost.Excess excess = OperationCost.excess(rules.limits(), tally);
        return excess == null
                ? null
                : GraphQlResponse.requestError(400, excess.code(), excess.message(), excess.limit(), excess.actual());
    }

    private record Prepared(
            ExecutionInput input,
            OperationDefinition definition,
            ExecutableNormalizedOperation operation,
            GraphQlResponse refusal) {
        static Prepared refused(GraphQlResponse refusal) {
            return new Prepared(null, null, null, refusal);
        }
    }

    private static WebSocketOperation refused(String code, String message) {
        return new WebSocketOperation.Refused(List.of(GraphQlResponse.error(message, code)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errorsOf(GraphQlResponse response) {
        return (List<Map<String, Object>>) response.body().get("errors");
    }

    /** Picks the operation, coerces the variables against it (refusing bad ones) and normalizes it. */
    private ExecutableNormalizedOperation normalize(
            Document document, OperationDefinition operation, GraphQlRequest request) {
        CoercedVariables variables = ValuesResolver.coerceVariableValues(
                supergraph.schema(),
                operation.getVariableDefinitions(),
                RawVariables.of(request.variables()),
                GraphQLContext.getDefault(),
                Locale.ROOT);
        return ExecutableNormalizedOperationFactory.createExecutableNormalizedOperation(
                supergraph.schema(), document, request.operationName(), variables);
    }

    private static GraphQlResponse respond(ExecutionResult result, FetchedData fetched) {
        List<Map<String, Object>> errors = new ArrayList<>(fetched.errors());
        for (GraphQLError error : result.getErrors()) {
            // a field the subgraph already reported is not reported again as "non-null field was null"
            if (error instanceof NonNullableFieldWasNullError && coveredBy(fetched.errors(), error.getPath())) {
                continue;
            }
            errors.add(error instanceof ValidationError ? withCode(error, "BAD_USER_INPUT") : error.toSpecification());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        body.put("data", result.getData());
        if (result.getData() == null && !result.isDataPresent()) {
            return new GraphQlResponse(400, body);
        }
        return new GraphQlResponse(200, body);
    }

    private static boolean coveredBy(List<Map<String, Object>> errors, List<Object> path) {
        if (path == null) {
            return false;
        }
        return errors.stream()
                .map(e -> e.get("path"))
                .anyMatch(p -> p instanceof List<?> list
                        && list.size() <= path.size()
                        && path.subList(0, list.size()).equals(list));
    }

    private static Map<String, Object> withCode(GraphQLError error, String code) {
        Map<String, Object> specification = new LinkedHashMap<>(error.toSpecification());
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (specification.get("extensions") instanceof Map<?, ?> existing) {
            existing.forEach((k, v) -> extensions.put(String.valueOf(k), v));
        }
        extensions.put("code", code);
        specification.put("extensions", extensions);
        return specification;
    }

    private static int depth(List<ExecutableNormalizedField> fields) {
        int max = 0;
        for (ExecutableNormalizedField field : fields) {
            max = Math.max(max, 1 + depth(field.getChildren()));
        }
        return max;
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "The request's variables or operation name are invalid" : message;
    }
}
