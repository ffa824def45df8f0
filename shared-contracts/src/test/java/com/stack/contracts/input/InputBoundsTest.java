package com.stack.contracts.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.stack.contracts.input.InputBounds.Limits;
import com.stack.contracts.input.InputBounds.Violation;
import graphql.schema.Coercing;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputBoundsTest {

    private static final Limits LIMITS = new Limits(10, 3);

    @ParameterizedTest
    @ValueSource(strings = {"0", "12.50", "-3", "0.00000001", "999999999999999.99999999", "007"})
    void plainDecimalsWithinBoundsAreRead(String text) {
        assertThat(InputBounds.decimal(text)).isEqualByComparingTo(new BigDecimal(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1E+1000000",
                "1e3",
                "1E-7",
                "+5",
                " 5",
                "5 ",
                "1,000",
                ".5",
                "5.",
                "--1",
                "0x10",
                "NaN",
                "Infinity",
                "",
                "1.000000001",
                "1000000000000000",
                "١٢"
            })
    void anythingElseIsRefusedBeforeAnyArithmetic(String text) {
        assertThatThrownBy(() -> InputBounds.decimal(text))
                .isInstanceOf(InputBounds.InvalidDecimalException.class)
                .hasMessageContaining("plain decimal");
    }

    @Test
    void aMillionDigitExponentCostsNothing() {
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            assertThatThrownBy(() -> InputBounds.decimal("1E+1000000"));
        }
        // 10,000 refusals well under a second even on a slow machine: nothing is expanded
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void computedDecimalsOutsideTheBoundsAreNotWithinBounds() {
        assertThat(InputBounds.withinBounds(new BigDecimal("12.50"))).isTrue();
        assertThat(InputBounds.withinBounds(new BigDecimal("1E+20"))).isFalse();
        assertThat(InputBounds.withinBounds(new BigDecimal("0.000000001"))).isFalse();
    }

    private static final GraphQLSchema SCHEMA = new SchemaGenerator()
            .makeExecutableSchema(
                    new SchemaParser().parse("""
            scalar Decimal
            input Leg { symbol: String!, weights: [Decimal!] }
            input OrderInput { amount: Decimal!, note: String, legs: [Leg!], id: ID }
            type Query { a: Int }
            type Mutation { order(input: OrderInput!, tags: [String!]): Int }
            """),
                    RuntimeWiring.newRuntimeWiring()
                            .scalar(GraphQLScalarType.newScalar()
                                    .name("Decimal")
                                    .coercing(new Coercing<Object, Object>() {})
                                    .build())
                            .build());

    private static final GraphQLFieldDefinition ORDER = SCHEMA.getMutationType().getFieldDefinition("order");

    @Test
    void valuesWithinBoundsPass() {
        assertThat(check(Map.of(
                        "input",
                        Map.of(
                                "amount",
                                "12.50",
                                "note",
                                "0123456789",
                                "legs",
                                List.of(Map.of("symbol", "VTI", "weights", List.of("0.5", "0.5")))),
                        "tags",
                        List.of("a", "b", "c"))))
                .isNull();
    }

    @Test
    void anExponentDeepInAnInputNamesItsPath() {
        Violation violation = check(Map.of(
                "input",
                Map.of(
                        "amount",
                        "1",
                        "legs",
                        List.of(Map.of("symbol", "VTI", "weights", List.of("0.5", "1E+1000000"))))));
        assertThat(violation.path()).isEqualTo("order.input.legs[0].weights[1]");
        assertThat(violation.message()).contains("no exponent");
    }

    @Test
    void aLongStringOrIdIsRefused() {
        assertThat(check(Map.of("input", Map.of("amount", "1", "note", "x".repeat(11))))
                        .path())
                .isEqualTo("order.input.note");
        assertThat(check(Map.of("input", Map.of("amount", "1", "id", "x".repeat(11))))
                        .path())
                .isEqualTo("order.input.id");
    }

    @Test
    void aLongListIsRefusedBeforeItsItemsAreRead() {
        Violation violation =
                check(Map.of("input", Map.of("amount", "1"), "tags", Collections.nCopies(1_000_000, "t")));
        assertThat(violation.path()).isEqualTo("order.tags");
        assertThat(violation.message()).contains("at most 3 items");
    }

    @Test
    void aDecimalGivenAsANumberIsRefused() {
        assertThat(check(Map.of("input", Map.of("amount", 12.5))).message()).contains("as a string");
    }

    @Test
    void anAlreadyCoercedDecimalIsCheckedToo() {
        assertThat(check(Map.of("input", Map.of("amount", new BigDecimal("1E+30"))))
                        .path())
                .isEqualTo("order.input.amount");
    }

    private static Violation check(Map<String, ?> arguments) {
        return InputBounds.checkArguments("order", ORDER, arguments, LIMITS);
    }
}
