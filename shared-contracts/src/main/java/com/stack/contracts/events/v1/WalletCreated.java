package com.stack.contracts.events.v1;

import java.time.Instant;
import java.util.UUID;

import com.stack.contracts.events.EventPayload;

/** A custody wallet exists for the user on a chain (wallet). */
public record WalletCreated(UUID userId, UUID walletId, String chain, String address, Instant createdAt)
        implements EventPayload {
}
