package com.stack.funding.deposit.app;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import com.stack.defaults.graphql.KeysetCursor;
import com.stack.defaults.metrics.SagaMetrics;
import com.stack.funding.deposit.domain.Deposit;
import com.stack.funding.deposit.domain.DepositStatus;
import com.stack.funding.shared.domain.Chain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where the deposits are kept, each with its saga state (port; the adapter is {@code adapters.DepositRepository},
 * over {@code deposits}). Changes are optimistic: each checks the version (and status) it expects, and is empty when
 * another change got there first.
 */
public interface DepositStore {

    /** Up to {@code limit} of the user's deposits, newest first, after the cursor's row when there is one. */
    Flux<Deposit> findPageForUser(UUID userId, KeysetCursor after, int limit);

    /** The deposit, if it is the user's; empty otherwise. */
    Mono<Deposit> findForUser(UUID userId, UUID id);

    /** The deposit of an on-chain transaction ({@code txHash} in its chain's canonical spelling), if there is one. */
    Mono<Deposit> findByTransaction(Chain chain, String txHash);

    /** The status of the deposit of each of {@code keys} that has one, in one statement. */
    Mono<Map<TransactionKey, DepositStatus>> statusesOf(Collection<TransactionKey> keys);

    /**
     * Opens a deposit at version 1; empty when its transaction already has one (opened concurrently: the caller
     * reads it and decides again).
     */
    Mono<Deposit> open(
            UUID id,
            UUID userId,
            UUID walletId,
            Chain chain,
            String txHash,
            BigDecimal amount,
            DepositStatus status,
            String partnerTransferId);

    /** The deposit with this id; empty when there is none. */
    Mono<Deposit> findById(UUID id);

    /** The deposit, locked for the caller's transaction. */
    Mono<Deposit> findByIdForUpdate(UUID id);

    /** The deposit whose off-ramp is the ramp partner's payout {@code transferId}, if one is known yet. */
    Mono<Deposit> findByOffRampTransfer(String transferId);

    /**
     * Moves a confirmed deposit to OFF_RAMP_INITIATED with the ramp partner's payout id, if it is still at
     * {@code expectedVersion}; empty when another change got there first.
     */
    Mono<Deposit> offRampInitiated(UUID id, long expectedVersion, String offRampTransferId);

    /** The deposit whose broker funding is the broker's transfer {@code transferId}, if one is known yet. */
    Mono<Deposit> findByBrokerTransfer(String transferId);

    /**
     * Records the broker's transfer id on an off-ramped deposit (the status does not change); empty when the deposit
     * is no longer off-ramp complete or holds another transfer.
     */
    Mono<Deposit> brokerFundingRequested(UUID id, String brokerTransferId);

    /** Up to {@code limit} unfinished deposits whose last change is older than {@code age}, oldest first. */
    Flux<Unmoved> findUnmovedSince(Duration age, int limit);

    /**
     * The unfinished deposits by status: how many have not moved for {@code stuckAfter}, and how long ago the oldest
     * was created (for the saga metrics).
     */
    Mono<Map<String, SagaMetrics.Open>> openByStatus(Duration stuckAfter);

    /**
     * Moves the deposit from {@code from} to {@code to} if it is still at {@code expectedVersion}, and stamps the
     * step's time column; empty when another change got there first (optimistic locking).
     */
    Mono<Deposit> move(UUID id, DepositStatus from, DepositStatus to, long expectedVersion, String failureReason);

    /** An on-chain transaction's identity: its chain and its hash in the chain's canonical spelling. */
    record TransactionKey(Chain chain, String txHash) {}

    /** A deposit that has not moved for a while, with the partners' ids the reconciler asks about. */
    record Unmoved(Deposit deposit, String offRampTransferId, String brokerTransferId) {}
}
