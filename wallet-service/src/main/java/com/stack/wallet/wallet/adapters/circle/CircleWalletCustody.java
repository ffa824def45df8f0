package com.stack.wallet.wallet.adapters.circle;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.stack.wallet.wallet.app.WalletCustody;
import com.stack.wallet.wallet.domain.Chain;
import com.stack.wallet.wallet.domain.CustodyWallet;
import reactor.core.publisher.Mono;

/**
 * Opens user wallets as Circle developer-controlled wallets: one EOA wallet per chain, in the shared wallet
 * set, tagged {@code stack-user} with the user id as {@code refId}. The idempotency key is derived from the
 * user and the chain, so every attempt for a user's chain asks Circle for the same wallet.
 */
public class CircleWalletCustody implements WalletCustody {

    private final CircleWalletClient circle;
    private final CircleWalletSets walletSets;
    private final CircleProperties.Blockchains blockchains;

    public CircleWalletCustody(CircleWalletClient circle, CircleWalletSets walletSets, CircleProperties properties) {
        this.circle = circle;
        this.walletSets = walletSets;
        this.blockchains = properties.blockchains();
    }

    @Override
    public Mono<CustodyWallet> open(UUID userId, Chain chain) {
        return walletSets
                .walletSetId()
                .flatMap(walletSetId -> circle.createWallet(
                                idempotencyKey(userId, chain),
                                walletSetId,
                                blockchains.codeOf(chain),
                                userId.toString())
                        .onErrorResume(
                                CircleRequestRejectedException.WalletSetNotFound.class,
                                gone -> walletSets.forget(walletSetId).then(Mono.error(gone))))
                .map(wallet -> new CustodyWallet(wallet.id(), wallet.address()));
    }

    static UUID idempotencyKey(UUID userId, Chain chain) {
        return UUID.nameUUIDFromBytes(
                ("stack:circle:wallet:" + userId + ":" + chain.column()).getBytes(StandardCharsets.UTF_8));
    }
}
