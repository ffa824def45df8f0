package com.stack.defaults.transactions;

import java.util.function.Supplier;

import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Work to run once the current R2DBC transaction has committed (not at all if it rolls back): waking a
 * loop that has new rows to claim, publishing a change, remembering what is now known to exist.
 */
public final class AfterCommit {

    private AfterCommit() {}

    /**
     * Registers {@code action} with the current transaction; errors with
     * {@link org.springframework.transaction.NoTransactionException} outside one.
     */
    public static Mono<Void> run(Supplier<Mono<Void>> action) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(transaction -> transaction.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return action.get();
                    }
                }))
                .then();
    }

    /** {@link #run} for a plain runnable. */
    public static Mono<Void> run(Runnable action) {
        return run(() -> Mono.fromRunnable(action));
    }
}
