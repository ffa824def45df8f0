package com.stack.contracts.events.v1;

import java.time.Instant;
import java.util.UUID;

import com.stack.contracts.events.EventPayload;

/**
 * A custody wallet exists for the user on a chain (wallet). {@code custodianWalletId} is the custodian's
 * (Circle's) id of the wallet, which sends from it; added in this version without a bump (a reader of an
 * earlier event finds it null).
 */
public record WalletCreated(
        UUID userId, UUID walletId, String chain, String address, Instant createdAt, String custodianWalletId)
        implements EventPayload {}
