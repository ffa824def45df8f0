package com.stack.defaults.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.stack.contracts.input.InputBounds;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.instrumentation.fieldvalidation.FieldValidationInstrumentation;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

/**
 * A subgraph's own check of what clients send: the Decimal scalar refuses exponents and out-of-bound digits
 * before anything is computed, and the field validation refuses long strings and lists before any field runs.
 */
class InputBoundsValidationTest {

    private final AtomicReference<Object> received = new AtomicReference<>();

    private final GraphQL graphQl = GraphQL.newGraphQL(new SchemaGenerator()
                    .makeExecutableSchema(
                            new SchemaParser().parse("""
                    scalar Decimal
                    input WithdrawalInput { amountUsd: Decimal!, address: String!, tags: [String!] }
                    type Query { ok: Boolean }
                    type Mutation { initiateWithdrawal(input: WithdrawalInput!): String }
                    """),
                            RuntimeWiring.newRuntimeWiring()
                                    .scalar(StackScalars.DECIMAL)
                                    .type(
                                            "Mutation",
                                            type -> type.dataFetcher("initiateWithdrawal", env -> {
                                                received.set(env.getArgument("input"));
                                                return "done";
                                            }))
                                    .build()))
            .instrumentation(
                    new FieldValidationInstrumentation(new InputBoundsValidation(new InputBounds.Limits(16, 2))))
            .build();

    @Test
    void anExponentIsRefusedInMicrosecondsAndNothingRuns() {
        long start = System.nanoTime();
        ExecutionResult result =
                graphQl.execute("mutation { initiateWithdrawal(input: {amountUsd: \"1E+1000000\", address: \"a\"}) }");
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
        assertThat(result.getErrors())
                .singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("no exponent"));
        assertThat(received.get()).isNull();
    }

    @Test
    void anExponentInAVariableIsRefusedToo() {
        ExecutionResult result = graphQl.execute(
                ExecutionInput.newExecutionInput("mutation($in: WithdrawalInput!) { initiateWithdrawal(input: $in) }")
                        .variables(Map.of("in", Map.of("amountUsd", "1e5", "address", "a")))
                        .build());
        assertThat(result.getErrors()).isNotEmpty();
        assertThat(received.get()).isNull();
    }

    @Test
    void aPlainDecimalArrivesExact() {
        ExecutionResult result =
                graphQl.execute("mutation { initiateWithdrawal(input: {amountUsd: \"12.50\", address: \"a\"}) }");
        assertThat(result.getErrors()).isEmpty();
        assertThat(((Map<?, ?>) received.get()).get("amountUsd")).isEqualTo(new BigDecimal("12.50"));
    }

    @Test
    void aLongStringIsBadUserInputNamingTheArgument() {
        ExecutionResult result = graphQl.execute(
                "mutation { initiateWithdrawal(input: {amountUsd: \"1\", address: \"" + "x".repeat(17) + "\"}) }");
        GraphQLError error = result.getErrors().get(0);
        assertThat(error.getExtensions())
                .containsEntry("code", "BAD_USER_INPUT")
                .containsEntry("field", "initiateWithdrawal.input.address");
        assertThat(received.get()).isNull();
    }

    @Test
    void aLongListIsBadUserInput() {
        ExecutionResult result = graphQl.execute(ExecutionInput.newExecutionInput(
                        "mutation($in: WithdrawalInput!) { initiateWithdrawal(input: $in) }")
                .variables(Map.of("in", Map.of("amountUsd", "1", "address", "a", "tags", List.of("a", "b", "c"))))
                .build());
        assertThat(result.getErrors().get(0).getExtensions()).containsEntry("field", "initiateWithdrawal.input.tags");
        assertThat(received.get()).isNull();
    }
}
