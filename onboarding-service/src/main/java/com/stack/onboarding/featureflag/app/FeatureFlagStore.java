package com.stack.onboarding.featureflag.app;

import java.time.Instant;

import com.stack.defaults.features.FeatureFlag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The feature flags' store (port; the adapter is {@code adapters.FeatureFlagRepository}, over {@code feature_flags});
 * Redis holds only a copy.
 */
public interface FeatureFlagStore {

    /**
     * Takes the writers' lock until the current transaction ends (call inside one) and answers the version the
     * flag set has once this transaction commits: a later change always has a larger version, also after a restart
     * or with several instances.
     */
    Mono<Long> lockAndVersion();

    /** Every flag, ordered by name. */
    Flux<StoredFlag> findAll();

    /** Creates or replaces the flag's definition; answers it as stored. */
    Mono<StoredFlag> save(FeatureFlag flag);

    /** True when there was such a flag. */
    Mono<Boolean> delete(String name);

    /** A flag as stored: the definition and its row's bookkeeping. */
    record StoredFlag(FeatureFlag flag, Instant updatedAt, long version) {}
}
