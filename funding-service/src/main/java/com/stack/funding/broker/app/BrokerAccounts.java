package com.stack.funding.broker.app;

import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The users' accounts at the broker, one per user and broker (port; the adapter is
 * {@code adapters.BrokerAccountRepository}, over {@code broker_accounts}).
 */
public interface BrokerAccounts {

    /** The user's account at the broker; empty when none was kept. */
    Mono<Brokerage.Account> find(UUID userId, String broker);

    /** The broker's accounts of users after {@code afterUser}, by user id, at most {@code limit}. */
    Flux<UserAccount> page(String broker, UUID afterUser, int limit);

    /**
     * Keeps the account the broker opened; when one was kept already (two deposits of the user opened it at once,
     * under the same idempotency key, so it is the same account), emits the one kept first.
     */
    Mono<Brokerage.Account> keep(UUID userId, String broker, Brokerage.Account account);

    /** A user's account at the broker. */
    record UserAccount(UUID userId, Brokerage.Account account) {}
}
