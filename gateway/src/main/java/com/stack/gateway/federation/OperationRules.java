package com.stack.gateway.federation;

import com.stack.gateway.federation.limit.QueryLimits;
import com.stack.gateway.ratelimit.MutationRateLimits;

/**
 * What every engine checks before it calls a subgraph.
 *
 * @param limits        the operation's size and estimated cost
 * @param introspection whether {@code __schema} and {@code __type} are answered (the {@code local} profile
 *                      only); without it they are refused with {@code INTROSPECTION_DISABLED}
 * @param rateLimits    per-user budgets of root mutation fields; null for none
 */
public record OperationRules(QueryLimits limits, boolean introspection, MutationRateLimits rateLimits) {

    /** Default limits, no introspection, no rate limits. */
    public static OperationRules defaults() {
        return new OperationRules(QueryLimits.defaults(), false, null);
    }
}
