package com.stack.wallet.wallet.app;

import java.util.UUID;

import com.stack.wallet.wallet.domain.Chain;
import com.stack.wallet.wallet.domain.CustodyWallet;
import reactor.core.publisher.Mono;

/** The custodian that holds users' wallets (Circle developer-controlled wallets). */
public interface WalletCustody {

    /**
     * Opens the user's wallet on the chain. Idempotent: asked again for the same user and chain (a retry, a
     * second instance), the custodian returns the same wallet, never a second one.
     */
    Mono<CustodyWallet> open(UUID userId, Chain chain);
}
