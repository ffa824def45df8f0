package com.stack.gateway.federation.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import graphql.language.OperationDefinition;

/**
 * The fetches an operation needs: root fetches, each with the entity fetches that hang off it. Fetches
 * reference the operation's variables ({@code $name}) and never hold their values, so a plan depends on
 * the operation's text only; each fetch declares the variables it uses as the operation declares them.
 *
 * @param variableDefinitions the operation's variable definitions, printed ({@code $id: ID!}), by name
 */
public record QueryPlan(
        OperationDefinition.Operation operation, List<FetchNode> roots, Map<String, String> variableDefinitions) {

    /** {@code ($a: T, $b: U)} for the variables {@code fetch} uses, empty if none. */
    public String declarations(FetchNode fetch) {
        return declarations(fetch.variables(), "");
    }

    /** The variable declarations for {@code names}, followed by {@code more} (already printed), in parentheses. */
    public String declarations(Iterable<String> names, String more) {
        StringJoiner out = new StringJoiner(", ", "(", ")");
        out.setEmptyValue("");
        names.forEach(name -> out.add(variableDefinitions.get(name)));
        if (!more.isEmpty()) {
            out.add(more);
        }
        return out.toString();
    }

    /** The client's values of the variables {@code fetch} uses (those the client sent; others take their defaults). */
    public Map<String, Object> variablesOf(FetchNode fetch, Map<String, Object> values) {
        return variablesOf(fetch.variables(), values);
    }

    public static Map<String, Object> variablesOf(Iterable<String> names, Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        names.forEach(name -> {
            if (values.containsKey(name)) {
                out.put(name, values.get(name));
            }
        });
        return out;
    }

    /** The GraphQL keyword for root fetches of this plan. */
    public String keyword() {
        return operation == OperationDefinition.Operation.MUTATION ? "mutation" : "query";
    }
}
