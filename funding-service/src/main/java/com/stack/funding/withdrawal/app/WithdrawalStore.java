package com.stack.funding.withdrawal.app;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.stack.defaults.graphql.KeysetCursor;
import com.stack.defaults.metrics.SagaMetrics;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.withdrawal.domain.Withdrawal;
import com.stack.funding.withdrawal.domain.WithdrawalLegs;
import com.stack.funding.withdrawal.domain.WithdrawalStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where the withdrawals are kept, each with its saga state and partner legs (port; the adapter is
 * {@code adapters.WithdrawalRepository}, over {@code withdrawals}). Changes are optimistic: each checks the version
 * (and status) it expects, and is empty when another change got there first.
 */
public interface WithdrawalStore {

    /** Up to {@code limit} of the user's withdrawals, newest first, after the cursor's row when there is one. */
    Flux<Withdrawal> findPageForUser(UUID userId, KeysetCursor after, int limit);

    /** The withdrawal, if it is the user's; empty otherwise. */
    Mono<Withdrawal> findForUser(UUID userId, UUID id);

    /**
     * Records a PENDING withdrawal at version 1; empty when the user already has one under the idempotency key (the
     * caller reads it and compares the requests).
     */
    Mono<Withdrawal> insert(
            UUID id,
            UUID userId,
            BigDecimal amountUsd,
            Chain chain,
            String address,
            String idempotencyKey,
            String requestHash);

    /** The user's withdrawal under the idempotency key, with the fingerprint of the request that made it. */
    Mono<Keyed> findByIdempotencyKey(UUID userId, String idempotencyKey);

    /** How many withdrawals the user created within {@code window}, failed ones too, and when the oldest was. */
    Mono<Created> createdWithin(UUID userId, Duration window);

    /** What the user withdrew in the last 24 hours, failed withdrawals not counted. */
    Mono<BigDecimal> totalSince24Hours(UUID userId);

    /** The withdrawal with this id; empty when there is none. */
    Mono<Withdrawal> findById(UUID id);

    /** The withdrawal whose broker payout is the broker's transfer {@code transferId}, if one is known yet. */
    Mono<Withdrawal> findByBrokerTransfer(String transferId);

    /**
     * Moves the withdrawal from {@code from} to {@code to} if it is still at {@code expectedVersion}, recording the
     * broker's transfer id when one is given; empty when another change got there first (optimistic locking).
     */
    Mono<Withdrawal> move(
            UUID id,
            WithdrawalStatus from,
            WithdrawalStatus to,
            long expectedVersion,
            String failureReason,
            String brokerTransferId);

    /** The withdrawal with its partner legs. */
    Mono<WithdrawalLegs> legs(UUID id);

    /** The withdrawal whose on-ramp is the ramp partner's transfer {@code transferId}. */
    Mono<WithdrawalLegs> findByOnRampTransfer(String transferId);

    /** The withdrawal whose current on-chain transfer is the custody partner's transaction {@code transactionId}. */
    Mono<WithdrawalLegs> findByChainTransaction(String transactionId);

    /** The withdrawal whose compensation is the broker's credit {@code transferId}. */
    Mono<WithdrawalLegs> findByBrokerRefund(String transferId);

    /**
     * Withdrawals unmoved for {@code stuckAfter} that are not finished: a step still running, or a compensation still
     * open. Oldest first.
     */
    Flux<WithdrawalLegs> findUnmovedSince(Duration stuckAfter, int limit);

    /**
     * The unfinished withdrawals by status ({@code compensating} for failed ones whose compensation is open): how many
     * have not moved for {@code stuckAfter}, and how long ago the oldest was created (for the saga metrics).
     */
    Mono<Map<String, SagaMetrics.Open>> openByStatus(Duration stuckAfter);

    /** BROKER_WITHDRAWAL_COMPLETE -> ON_RAMP_INITIATED with the ramp partner's transfer id, from the version read. */
    Mono<Withdrawal> onRampInitiated(UUID id, long expectedVersion, String onRampTransferId);

    /**
     * -> TRANSFER_INITIATED (from ON_RAMP_COMPLETE for the first attempt, or staying TRANSFER_INITIATED for a later
     * one) with the custody partner's transaction id, from the version read.
     */
    Mono<Withdrawal> transferInitiated(UUID id, WithdrawalStatus from, long expectedVersion, String transactionId);

    /**
     * The current attempt's transaction failed: the next attempt is {@code nextAttempt}, with no transaction yet (the
     * failure is noted on the command, not as the withdrawal's failure reason: it has not failed).
     */
    Mono<Withdrawal> transferAgain(UUID id, long expectedVersion, int nextAttempt);

    /** TRANSFER_INITIATED -> COMPLETE with the chain's transaction hash. */
    Mono<Withdrawal> completed(UUID id, long expectedVersion, String txHash);

    /**
     * -> FAILED with the reason and the compensation that undoes what moved ({@code done} when the failing change
     * itself completes it, as parking does).
     */
    Mono<Withdrawal> failed(
            UUID id,
            WithdrawalStatus from,
            long expectedVersion,
            String reason,
            WithdrawalLegs.Compensation compensation,
            boolean done);

    /** Records the broker's credit that refunds the withdrawal (the first one recorded stays). */
    Mono<Void> brokerRefundRequested(UUID id, String transferId);

    /** Marks the compensation finished; false if it already was (a repeated report). */
    Mono<Boolean> compensationDone(UUID id);

    /** A withdrawal found by its idempotency key, with the fingerprint of the request that made it. */
    record Keyed(Withdrawal withdrawal, String requestHash) {}

    /** How many withdrawals the user created within a window, failed ones too, and when the oldest of them was. */
    record Created(long count, Instant oldest) {}
}
