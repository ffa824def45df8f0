package com.stack.sandbox.circle.wallets.domain;

import java.util.List;
import java.util.UUID;

/**
 * A validated request for wallets: {@code count} wallets on each blockchain, the i-th wallet of
 * each chain named by {@code metadata[i]} (an empty list when none was given). Without the entity
 * secret ciphertext, which is fresh on every request, so that equal values mean "the same request".
 */
public record NewWallets(
        UUID idempotencyKey,
        UUID walletSetId,
        List<Blockchain> blockchains,
        String accountType,
        int count,
        List<Metadata> metadata) {

    public record Metadata(String name, String refId) {}
}
