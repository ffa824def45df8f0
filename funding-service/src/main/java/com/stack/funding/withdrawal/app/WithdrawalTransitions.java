package com.stack.funding.withdrawal.app;

import com.stack.contracts.events.v1.NotificationRequested;
import com.stack.defaults.messaging.Outbox;
import com.stack.funding.ledger.app.Ledger;
import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.saga.app.ConcurrentDepositChangeException;
import com.stack.funding.saga.app.SagaCommands;
import com.stack.funding.withdrawal.domain.Withdrawal;
import com.stack.funding.withdrawal.domain.WithdrawalLegs;
import com.stack.funding.withdrawal.domain.WithdrawalSaga;
import com.stack.funding.withdrawal.domain.WithdrawalStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The withdrawal saga's state changes, each inside the caller's transaction with its ledger journal, the
 * saga's next command and its WithdrawalStatusChanged. Each moves the withdrawal only from the version it
 * was read at; a concurrent change fails with {@link ConcurrentDepositChangeException}, so the caller reads
 * again and decides again.
 */
@Service
public class WithdrawalTransitions {

    private final WithdrawalStore withdrawals;
    private final Ledger ledger;
    private final SagaCommands commands;
    private final Outbox outbox;
    private final WithdrawalAnnouncements announcements;

    public WithdrawalTransitions(
            WithdrawalStore withdrawals,
            Ledger ledger,
            SagaCommands commands,
            Outbox outbox,
            WithdrawalAnnouncements announcements) {
        this.withdrawals = withdrawals;
        this.ledger = ledger;
        this.commands = commands;
        this.outbox = outbox;
        this.announcements = announcements;
    }

    /** PENDING -> BROKER_WITHDRAWAL_INITIATED with the broker's transfer id. */
    public Mono<Withdrawal> brokerInitiated(Withdrawal current, WithdrawalSaga.Move move, String brokerTransferId) {
        return withdrawals
                .move(current.id(), move.from(), move.to(), current.version(), null, brokerTransferId)
                .switchIfEmpty(Mono.error(() -> concurrent(current)))
                .flatMap(withdrawal -> announce(withdrawal).thenReturn(withdrawal));
    }

    /** BROKER_WITHDRAWAL_INITIATED -> BROKER_WITHDRAWAL_COMPLETE: the USD left the broker; the on-ramp is next. */
    public Mono<Withdrawal> brokerCompleted(Withdrawal current, WithdrawalSaga.Move move, String broker) {
        return withdrawals
                .move(current.id(), move.from(), move.to(), current.version(), null, null)
                .switchIfEmpty(Mono.error(() -> concurrent(current)))
                .flatMap(withdrawal -> ledger.post(LedgerPosting.withdrawalLeftBroker(withdrawal, broker))
                        .then(commands.entered(WithdrawalSaga.DEFINITION, withdrawal.status(), withdrawal.id()))
                        .then(announce(withdrawal))
                        .thenReturn(withdrawal));
    }

    /**
     * -> FAILED with the reason, and the compensation the saga's definition names for the state it fails from:
     * {@link #holdReleased} before money left the broker, {@link #refundingBroker} after the broker paid out,
     * {@link #parked} once the USDC is in custody.
     */
    public Mono<Withdrawal> failed(Withdrawal current, WithdrawalSaga.Move move) {
        WithdrawalSaga.Compensation compensation =
                move.compensation().orElseThrow(() -> new IllegalArgumentException("Not a failure: " + move));
        return switch (compensation) {
            case RELEASE_HOLD -> holdReleased(current, move);
            case REFUND_BROKER -> refundingBroker(current, move);
            case PARK -> parked(current, move);
        };
    }

    /** The compensation before any money left the broker: the hold is released, so the buying power is back; the user is told. */
    private Mono<Withdrawal> holdReleased(Withdrawal current, WithdrawalSaga.Move move) {
        return withdrawals
                .move(current.id(), move.from(), move.to(), current.version(), move.failureReason(), null)
                .switchIfEmpty(Mono.error(() -> concurrent(current)))
                .flatMap(withdrawal -> ledger.post(LedgerPosting.withdrawalReleased(withdrawal))
                        .then(announce(withdrawal))
                        .then(outbox.append(new NotificationRequested(
                                withdrawal.userId(),
                                "WITHDRAWAL_FAILED",
                                "Withdrawal failed",
                                "Your withdrawal of " + withdrawal.amountUsd().toPlainString()
                                        + " USD could not be completed: " + withdrawal.failureReason()
                                        + ". The amount is back in your buying power.")))
                        .thenReturn(withdrawal));
    }

    /** BROKER_WITHDRAWAL_COMPLETE -> ON_RAMP_INITIATED with the ramp partner's transfer id. */
    public Mono<Withdrawal> onRampInitiated(Withdrawal current, String onRampTransferId) {
        return withdrawals
                .onRampInitiated(current.id(), current.version(), onRampTransferId)
                .switchIfEmpty(Mono.error(() -> concurrent(current)))
                .flatMap(withdrawal -> announce(withdrawal).thenReturn(withdrawal));
    }

    /** ON_RAMP_INITIATED -> ON_RAMP_COMPLETE: the USDC is in the custody wallet; the on-chain transfer is next. */
    public Mono<Withdrawal> onRampCompleted(Withdrawal current, WithdrawalSaga.Move move) {
        return withdrawals
                .move(current.id(), move.from(), move.to(), current.version(), null, null)
                .switchIfEmpty(Mono.error(() -> concurrent(current)))
                .flatMap(withdrawal -> ledger.post(LedgerPosting.withdrawalOnRamped(withdrawal))
                        .then(commands.entered(WithdrawalSaga.DEFINITION, withdrawal.status(), withdrawal.id()))
                        .then(announce(withdrawal))
                        .thenReturn(withdrawal));
    }

    /**
     * -> FAILED after the broker paid out (the on-ramp refused or failed), and the start of the compensation:
     * REFUND_BROKER_WITHDRAWAL sends the USD back to the brokerage account ({@link WithdrawalRefund}); the hold is
     * released when the broker reports it arrived.
     */
    private Mono<Withdrawal> refundingBroker(Withdrawal current, WithdrawalSaga.Move move) {
        return withdrawals
                .failed(
                        current.id(),
                        move.from(),
                        current.version(),
                        move.failureReason(),
                        WithdrawalLegs.Compensation.BROKER_REFUND,
                        false)
                .switchIfEmpty(Mono.error(() -> concurrent(current)))
                .flatMap(withdrawal -> commands.compensate(
                                WithdrawalSaga.DEFINITION, WithdrawalSaga.Compensation.REFUND_BROKER, withdrawal.id())
                        .then(announce(withdrawal))
                        .thenReturn(withdrawal));
    }

    /**
     * The compensation of a failed on-ramp is done: the USD is back at the broker, the hold is released into
     * buying power, the user is told. A repeated report changes nothing (emits false).
     */
    public Mono<Boolean> brokerRefunded(Withdrawal failed, String broker) {
        return withdrawals
                .compensationDone(failed.id())
                .filter(done -> done)
                .flatMap(done -> ledger.post(LedgerPosting.withdrawalRefundedByBroker(failed, broker))
                        .then(outbox.append(new NotificationRequested(
                                failed.userId(),
                                "WITHDRAWAL_FAILED",
                                "Withdrawal failed",
                                "Your withdrawal of " + failed.amountUsd().toPlainString()
                                        + " USD could not be completed: " + failed.failureReason()
                                        + ". The amount is back in your buying power.")))
                        .thenReturn(true))
                .defaultIfEmpty(false);
    }

    /** The custody wallet's transaction for the current attempt: the first moves ON_RAMP_COMPLETE -> TRANSFER_INITIATED. */
    public Mono<Withdrawal> transferInitiated(Withdrawal current, String transactionId) {
        boolean first = current.status() == WithdrawalStatus.ON_RAMP_COMPLETE;
        return withdrawals
                .transferInitiated(current.id(), current.status(), current.version(), transactionId)
                .switchIfEmpty(Mono.error(() -> concurrent(current)))
                .flatMap(withdrawal -> first ? announce(withdrawal).thenReturn(withdrawal) : Mono.just(withdrawal));
    }

    /** The current attempt's transaction failed: the transfer is sent again, as attempt {@code nextAttempt}, after {@code delay}. */
    public Mono<Withdrawal> transferAgain(
            Withdrawal current, int nextAttempt, String reason, java.time.Duration delay) {
        return withdrawals
                .transferAgain(current.id(), current.version(), nextAttempt)
                .switchIfEmpty(Mono.error(() -> concurrent(current)))
                .flatMap(withdrawal -> commands.retry(
                                WithdrawalSaga.DEFINITION,
                                WithdrawalStatus.TRANSFER_INITIATED,
                                WithdrawalSaga.Event.TRANSFER_FAILED,
                                withdrawal.id(),
                                delay,
                                "attempt " + nextAttempt + " after: " + reason)
                        .thenReturn(withdrawal));
    }

    /** TRANSFER_INITIATED -> COMPLETE: the USDC reached the user's address; the pending withdrawal is settled. */
    public Mono<Withdrawal> transferCompleted(Withdrawal current, String txHash) {
        return withdrawals
                .completed(current.id(), current.version(), txHash)
                .switchIfEmpty(Mono.error(() -> concurrent(current)))
                .flatMap(withdrawal -> ledger.post(LedgerPosting.withdrawalSent(withdrawal))
                        .then(announce(withdrawal))
                        .then(outbox.append(new NotificationRequested(
                                withdrawal.userId(),
                                "WITHDRAWAL_COMPLETE",
                                "Withdrawal sent",
                                withdrawal.amountUsd().toPlainString() + " USDC sent to "
                                        + withdrawal.address() + " on "
                                        + withdrawal.chain().column()
                                        + ", transaction " + txHash + ".")))
                        .thenReturn(withdrawal));
    }

    /**
     * -> FAILED when the on-chain transfer failed for good: the USDC stays in the custody wallet and the user's
     * claim on it moves to the ledger's review account, for an operator; the user is told.
     */
    private Mono<Withdrawal> parked(Withdrawal current, WithdrawalSaga.Move move) {
        return withdrawals
                .failed(
                        current.id(),
                        move.from(),
                        current.version(),
                        move.failureReason(),
                        WithdrawalLegs.Compensation.PARKED,
                        true)
                .switchIfEmpty(Mono.error(() -> concurrent(current)))
                .flatMap(withdrawal -> ledger.post(LedgerPosting.withdrawalParked(withdrawal))
                        .then(announce(withdrawal))
                        .then(outbox.append(new NotificationRequested(
                                withdrawal.userId(),
                                "WITHDRAWAL_FAILED",
                                "Withdrawal on hold",
                                "Your withdrawal of " + withdrawal.amountUsd().toPlainString()
                                        + " USD could not be sent on chain. The USDC is held safely for you and our"
                                        + " team will contact you to complete or return it.")))
                        .thenReturn(withdrawal));
    }

    /** The withdrawal's status change, announced inside the transaction that makes it (and live after commit). */
    private Mono<Void> announce(Withdrawal withdrawal) {
        return announcements.statusChanged(withdrawal);
    }

    private static ConcurrentDepositChangeException concurrent(Withdrawal current) {
        return new ConcurrentDepositChangeException(
                "Withdrawal " + current.id() + " changed after version " + current.version());
    }
}
