package com.stack.defaults.graphql;

import java.util.List;
import java.util.function.Function;

/**
 * A Relay-style page of nodes ({@code XConnection} in the schema), built from a keyset query that
 * fetched one row more than asked so that {@code hasNextPage} needs no second query.
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {

    public record Edge<T>(String cursor, T node) {}

    public record PageInfo(boolean hasNextPage, String endCursor) {}

    public static <T> Connection<T> of(List<T> fetchedOneMore, int first, Function<T, String> cursorOf) {
        boolean hasNext = fetchedOneMore.size() > first;
        List<T> page = hasNext ? fetchedOneMore.subList(0, first) : fetchedOneMore;
        List<Edge<T>> edges = page.stream()
                .map(node -> new Edge<>(cursorOf.apply(node), node))
                .toList();
        String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new Connection<>(edges, new PageInfo(hasNext, endCursor));
    }
}
