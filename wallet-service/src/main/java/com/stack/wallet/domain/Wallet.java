package com.stack.wallet.domain;

import java.util.UUID;

/** A user's Circle developer-controlled wallet on one chain. */
public record Wallet(UUID id, UUID userId, Chain chain, String address, WalletStatus status) {

    /** Only an active wallet's address may be handed out: funds sent elsewhere could not be credited. */
    public boolean acceptsDeposits() {
        return status == WalletStatus.ACTIVE;
    }
}
