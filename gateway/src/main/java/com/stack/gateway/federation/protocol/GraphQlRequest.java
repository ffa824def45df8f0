package com.stack.gateway.federation.protocol;

import java.util.Map;

/** A client's GraphQL request, as read from the HTTP body or query string. */
public record GraphQlRequest(String query, String operationName, Map<String, Object> variables) {

    public GraphQlRequest {
        variables = variables == null ? Map.of() : variables;
    }
}
