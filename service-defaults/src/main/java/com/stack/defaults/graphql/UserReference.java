package com.stack.defaults.graphql;

import java.util.UUID;

/**
 * A {@code User} entity as the gateway refers to it. Onboarding owns the user; every other service
 * only adds fields to it, so the id is all there is to resolve. Resolved to the GraphQL type
 * {@code User} by {@link FederatedSubgraphConfiguration}.
 */
public record UserReference(UUID id) {}
