package com.stack.wallet.user.app;

import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

/** The users onboarding announced (port; the adapter is {@code adapters.KnownUserRepository}). */
public interface KnownUsers {

    /** Records the user; true when new, false when already known. */
    Mono<Boolean> recordIfAbsent(UUID userId, String email, Instant registeredAt);

    Mono<Boolean> isKnown(UUID userId);
}
