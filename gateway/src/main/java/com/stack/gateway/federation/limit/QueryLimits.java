package com.stack.gateway.federation.limit;

import com.stack.contracts.input.InputBounds;

/**
 * Limits on one operation ({@code stack.gateway.limits.*}), checked after parsing and validation and
 * before any subgraph is called. Everything is counted per occurrence in the document with fragments
 * expanded: a fragment spread 100 times counts 100 times, and aliases of the same field each count.
 * Introspection fields ({@code __schema}, {@code __type}) and what they select are not counted: the
 * gateway answers them itself.
 *
 * <p>The estimated cost is computed bottom-up; for each field:
 * <pre>
 *   cost(field) = 1
 *               + entityFetchCost                       if another subgraph resolves it (an _entities fetch)
 *               + size(field) * sum(cost(child) for each child field)
 *   size(field) = its `first` (or `last`) argument: the value in the document, the variable's value, or the
 *                 argument's default; for a list field without one, the size its nearest sized ancestor
 *                 passed down (a connection's `edges` take their connection's `first`), else defaultListSize;
 *                 1 for any other field
 * </pre>
 * For example {@code me { deposits(first: 20) { edges { node { id } } } }} costs
 * {@code 1 + 1 + 20 * (1 + 1 * 1) + ...}: the edges list is multiplied by 20 once, not again by the default.
 *
 * @param maxAliases      aliased fields per operation (code {@code TOO_MANY_ALIASES}), default 30
 * @param maxRootFields   root fields per operation (code {@code TOO_MANY_ROOT_FIELDS}), default 10
 * @param maxFields       fields per operation (code {@code TOO_MANY_FIELDS}), default 500
 * @param maxCost         estimated cost per operation (code {@code QUERY_TOO_COSTLY}), default 1000
 * @param defaultListSize the size assumed for a list field that names none, default 10
 * @param entityFetchCost what a field another subgraph resolves adds, default 5
 * @param maxStringLength characters of any String or ID argument value, at any depth (code {@code BAD_USER_INPUT}),
 *                        default {@link InputBounds.Limits#DEFAULT}'s, as the subgraphs keep
 * @param maxListSize     items of any list argument value, likewise
 */
public record QueryLimits(
        Integer maxAliases,
        Integer maxRootFields,
        Integer maxFields,
        Long maxCost,
        Integer defaultListSize,
        Integer entityFetchCost,
        Integer maxStringLength,
        Integer maxListSize) {

    public QueryLimits {
        maxAliases = maxAliases == null ? 30 : maxAliases;
        maxRootFields = maxRootFields == null ? 10 : maxRootFields;
        maxFields = maxFields == null ? 500 : maxFields;
        maxCost = maxCost == null ? 1000L : maxCost;
        defaultListSize = defaultListSize == null ? 10 : defaultListSize;
        entityFetchCost = entityFetchCost == null ? 5 : entityFetchCost;
        maxStringLength = maxStringLength == null ? InputBounds.Limits.DEFAULT.maxStringLength() : maxStringLength;
        maxListSize = maxListSize == null ? InputBounds.Limits.DEFAULT.maxListSize() : maxListSize;
    }

    /** The bounds of argument values ({@link InputBounds}), decimals' included. */
    public InputBounds.Limits inputs() {
        return new InputBounds.Limits(maxStringLength, maxListSize);
    }

    /** The defaults above. */
    public static QueryLimits defaults() {
        return new QueryLimits(null, null, null, null, null, null, null, null);
    }
}
