package com.stack.wallet.wallet.app;

import java.time.Duration;
import java.util.UUID;

import com.stack.wallet.wallet.domain.Chain;
import com.stack.wallet.wallet.domain.Wallet;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where the wallets are kept (port; the adapter is {@code adapters.WalletRepository}, over {@code wallets}). */
public interface WalletStore {

    /** The user's wallets, ordered by chain. */
    Flux<Wallet> findByUser(UUID userId);

    Mono<Wallet> findByUserAndChain(UUID userId, Chain chain);

    /** Inserts a wallet being created, due for provisioning now; true if new, false if the user had one on the chain. */
    Mono<Boolean> insertIfAbsent(Wallet creating);

    /**
     * Claims up to {@code batch} wallets due for a provisioning attempt (still creating, their backoff passed, not
     * claimed by a live lease) for {@code lease}: instances claim side by side without waiting on each other, and a
     * claim lapses if its instance dies, so another one takes over.
     */
    Flux<Claim> claimDue(Duration lease, int batch);

    /** Records the custodian's wallet and makes it active, if it is still being created; true if it was. */
    Mono<Boolean> activate(Wallet active);

    /** Releases a failed claim: the wallet is due again after {@code delay}, with the failure kept for operators. */
    Mono<Void> retryLater(UUID walletId, String error, Duration delay);

    /** A wallet claimed for a provisioning attempt, and how many attempts (this one included) it has had. */
    record Claim(Wallet wallet, int attempts) {}
}
