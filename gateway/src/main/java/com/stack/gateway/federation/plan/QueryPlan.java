package com.stack.gateway.federation.plan;

import java.util.List;

import graphql.language.OperationDefinition;

/** The fetches an operation needs: root fetches, each with the entity fetches that hang off it. */
public record QueryPlan(OperationDefinition.Operation operation, List<FetchNode> roots) {

    /** The GraphQL keyword for root fetches of this plan. */
    public String keyword() {
        return operation == OperationDefinition.Operation.MUTATION ? "mutation" : "query";
    }
}
