package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.stack.gateway.federation.SupergraphManager;
import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import org.junit.jupiter.api.Test;

/**
 * The supergraph the gateway composed from the running subgraphs contains every type, field,
 * argument (with its default) and enum value of the mobile contract, with the same nullability.
 */
class SupergraphContractTest {

    @Test
    void composedSupergraphContainsTheWholeMobileContract() throws IOException {
        GraphQLSchema supergraph = StackSuite.shared()
                .gateway()
                .getBean(SupergraphManager.class)
                .current()
                .block(Duration.ofSeconds(5))
                .supergraph()
                .schema();
        Document contract = Parser.parse(readContract());
        List<String> missing = new ArrayList<>();

        for (ScalarTypeDefinition scalar : contract.getDefinitionsOfType(ScalarTypeDefinition.class)) {
            if (supergraph.getType(scalar.getName()) == null) {
                missing.add("scalar " + scalar.getName());
            }
        }
        for (EnumTypeDefinition definition : contract.getDefinitionsOfType(EnumTypeDefinition.class)) {
            if (!(supergraph.getType(definition.getName()) instanceof GraphQLEnumType composed)) {
                missing.add("enum " + definition.getName());
                continue;
            }
            for (EnumValueDefinition value : definition.getEnumValueDefinitions()) {
                if (composed.getValue(value.getName()) == null) {
                    missing.add(definition.getName() + "." + value.getName());
                }
            }
        }
        for (InputObjectTypeDefinition definition : contract.getDefinitionsOfType(InputObjectTypeDefinition.class)) {
            if (!(supergraph.getType(definition.getName()) instanceof GraphQLInputObjectType composed)) {
                missing.add("input " + definition.getName());
                continue;
            }
            for (InputValueDefinition field : definition.getInputValueDefinitions()) {
                GraphQLInputObjectField composedField = composed.getField(field.getName());
                String expected = AstPrinter.printAst(field.getType());
                if (composedField == null
                        || !GraphQLTypeUtil.simplePrint(composedField.getType()).equals(expected)) {
                    missing.add(definition.getName() + "." + field.getName() + ": " + expected);
                }
            }
        }
        for (ObjectTypeDefinition definition : contract.getDefinitionsOfType(ObjectTypeDefinition.class)) {
            if (!(supergraph.getType(definition.getName()) instanceof GraphQLObjectType composed)) {
                missing.add("type " + definition.getName());
                continue;
            }
            for (FieldDefinition field : definition.getFieldDefinitions()) {
                GraphQLFieldDefinition composedField = composed.getFieldDefinition(field.getName());
                String expected = AstPrinter.printAst(field.getType());
                if (composedField == null
                        || !GraphQLTypeUtil.simplePrint(composedField.getType()).equals(expected)) {
                    missing.add(definition.getName() + "." + field.getName() + ": " + expected);
                    continue;
                }
                for (InputValueDefinition argument : field.getInputValueDefinitions()) {
                    GraphQLArgument composedArgument = composedField.getArgument(argument.getName());
                    String expectedArgument = AstPrinter.printAst(argument.getType());
                    if (composedArgument == null
                            || !GraphQLTypeUtil.simplePrint(composedArgument.getType())
                                    .equals(expectedArgument)) {
                        missing.add(definition.getName() + "." + field.getName() + "(" + argument.getName() + ": "
                                + expectedArgument + ")");
                    } else if (argument.getDefaultValue() != null && !composedArgument.hasSetDefaultValue()) {
                        missing.add(definition.getName() + "." + field.getName() + "(" + argument.getName()
                                + ") default " + AstPrinter.printAst(argument.getDefaultValue()));
                    }
                }
            }
        }
        assertThat(missing).as("contract elements missing from the supergraph").isEmpty();
    }

    @Test
    void theContractCheckWouldNoticeAMissingField() {
        // guards the test above against vacuous success: the parsed contract really has the fields
        Document contract = Parser.parse(readContractUnchecked());
        assertThat(contract.getDefinitionsOfType(ObjectTypeDefinition.class))
                .anySatisfy(type -> assertThat(type.getName()).isEqualTo("Withdrawal"));
    }

    private static String readContract() throws IOException {
        try (InputStream in = SupergraphContractTest.class.getResourceAsStream("/graphql/api-contract.graphql")) {
            assertThat(in)
                    .as("api-contract.graphql on the classpath (shared-contracts)")
                    .isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String readContractUnchecked() {
        try {
            return readContract();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
