package com.stack.funding.wallet.app;

import java.util.UUID;

import com.stack.funding.shared.domain.Chain;
import com.stack.funding.wallet.domain.KnownWallet;
import reactor.core.publisher.Mono;

/**
 * The wallet address book: which user each custody address belongs to (port; the adapter is
 * {@code adapters.KnownWalletRepository}, over {@code known_wallets}).
 */
public interface KnownWallets {

    /**
     * Records the wallet unless its id or its address is already known. Emits the wallet the address book holds
     * for that address afterwards: this one, or the one recorded before.
     */
    Mono<KnownWallet> record(KnownWallet wallet);

    /** The wallet with that address ({@code address} in its chain's canonical spelling). */
    Mono<KnownWallet> findByAddress(Chain chain, String address);

    /**
     * The user's custody wallet on the chain, the first one announced if there were several (a withdrawal's USDC is
     * on-ramped into it and sent from it).
     */
    Mono<KnownWallet> findForUser(UUID userId, Chain chain);
}
