package com.stack.gateway.federation.execute;

/**
 * One message of a subgraph's subscription: an event ({@code next}, its payload a GraphQL response),
 * or the errors that ended it ({@code error}, its payload a list of GraphQL errors).
 */
public record SubgraphEvent(Type type, Object payload) {

    public enum Type {
        NEXT,
        ERROR
    }
}
