package com.stack.funding.wallet.domain;

import java.time.Instant;
import java.util.UUID;

import com.stack.funding.shared.domain.Chain;

/**
 * A custody wallet of a user, as the wallet service announced it: deposits to its address are that user's, and a
 * withdrawal's USDC is on-ramped into it and sent from it ({@code custodianWalletId}: the custodian's id of it,
 * null for a wallet announced before the event carried it).
 */
public record KnownWallet(
        UUID walletId, UUID userId, Chain chain, String address, Instant createdAt, String custodianWalletId) {

    /** The wallet with its address in the canonical spelling of its chain. */
    public static KnownWallet of(
            UUID walletId, UUID userId, Chain chain, String address, Instant createdAt, String custodianWalletId) {
        return new KnownWallet(walletId, userId, chain, chain.canonical(address), createdAt, custodianWalletId);
    }
}
