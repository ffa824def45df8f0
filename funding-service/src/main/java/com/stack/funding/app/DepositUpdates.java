package com.stack.funding.app;

import java.util.UUID;

import com.stack.funding.domain.Deposit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Live deposit updates for the {@code depositUpdated} subscription (the port; Redis pub/sub is the adapter,
 * so a subscriber on any instance sees changes committed on any other). Best effort by nature: a client
 * that reconnects reads the current state with the {@code deposit} query; the durable record of every
 * change is the outbox's DepositStatusChanged.
 */
public interface DepositUpdates {

    /** Publishes the deposit as it now is; called after the change committed. */
    Mono<Void> publish(Deposit deposit);

    /** The user's deposits as they change, from now on. */
    Flux<Deposit> of(UUID userId);
}
