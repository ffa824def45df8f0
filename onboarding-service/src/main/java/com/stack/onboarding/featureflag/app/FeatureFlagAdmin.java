package com.stack.onboarding.featureflag.app;

import java.time.Duration;

import com.stack.defaults.errors.NotFoundException;
import com.stack.defaults.errors.RetryLaterException;
import com.stack.defaults.features.FeatureFlag;
import com.stack.defaults.features.FeatureFlagSet;
import com.stack.defaults.features.RedisFeatureFlagSets;
import com.stack.onboarding.featureflag.app.FeatureFlagStore.StoredFlag;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The feature flags' administration (onboarding's internal API, {@code ./stack flags}): PostgreSQL is the store;
 * after each change commits, the whole set, with a version taken under the writers' lock, is written to Redis and
 * announced ({@link RedisFeatureFlagSets}), where every service's {@code FeatureFlags} picks it up. The set is also
 * written at startup ({@link #distribute()}), so a Redis that lost it or missed a change is made whole again.
 * When Redis cannot be written the change stays stored and the caller is told to repeat it (BUSY): a repeat is
 * harmless and writes the set again.
 */
@Service
public class FeatureFlagAdmin {

    /** How long the write to Redis may take after the change committed. */
    static final Duration DISTRIBUTION_TIMEOUT = Duration.ofSeconds(3);

    private final FeatureFlagStore flags;
    private final RedisFeatureFlagSets copies;
    private final TransactionalOperator transactions;

    public FeatureFlagAdmin(FeatureFlagStore flags, RedisFeatureFlagSets copies, TransactionalOperator transactions) {
        this.flags = flags;
        this.copies = copies;
        this.transactions = transactions;
    }

    public Flux<StoredFlag> list() {
        return flags.findAll();
    }

    /** Creates or replaces the flag; answers it as stored once every service can read it. */
    public Mono<StoredFlag> put(FeatureFlag flag) {
        return change(flags.save(flag)).map(Changed::result);
    }

    /** Removes the flag (its gate then answers each caller's default); NOT_FOUND when there is none. */
    public Mono<Void> delete(String name) {
        return change(flags.delete(name)
                        .filter(Boolean::booleanValue)
                        .switchIfEmpty(Mono.error(() -> new NotFoundException("Feature flag " + name))))
                .then();
    }

    /** Writes the stored set to Redis (at startup); completes with it, or errors when Redis cannot be written. */
    public Mono<FeatureFlagSet> distribute() {
        return change(Mono.just(Boolean.TRUE)).map(Changed::set);
    }

    private record Changed<T>(T result, FeatureFlagSet set) {}

    /** The change and the set it leads to in one transaction under the writers' lock; then the set to Redis. */
    private <T> Mono<Changed<T>> change(Mono<T> change) {
        return transactions
                .transactional(flags.lockAndVersion()
                        .flatMap(version -> change.flatMap(result -> flags.findAll()
                                .map(StoredFlag::flag)
                                .collectList()
                                .map(all -> new Changed<>(result, new FeatureFlagSet(version, all))))))
                .flatMap(changed -> copies.write(changed.set())
                        .timeout(DISTRIBUTION_TIMEOUT)
                        .onErrorMap(e -> RetryLaterException.busy(
                                "The change is stored, but the services cannot be told"
                                        + " yet (Redis unavailable); repeat the request",
                                Duration.ofSeconds(5)))
                        .thenReturn(changed));
    }
}
