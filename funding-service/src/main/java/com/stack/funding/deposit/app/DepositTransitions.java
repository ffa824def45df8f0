package com.stack.funding.deposit.app;

import com.stack.defaults.messaging.Outbox;
import com.stack.funding.deposit.domain.Deposit;
import com.stack.funding.deposit.domain.DepositSaga;
import com.stack.funding.deposit.domain.DepositStatus;
import com.stack.funding.deposit.domain.OffRampAmount;
import com.stack.funding.ledger.app.Ledger;
import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.saga.app.ConcurrentDepositChangeException;
import com.stack.funding.saga.app.SagaCommands;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The deposit saga's state changes after the chain (off-ramp and broker), each inside the caller's transaction with its ledger journal, the
 * saga's next command and its {@link com.stack.contracts.events.v1.DepositStatusChanged}. Each moves the
 * deposit only from the version it was read at (optimistic locking); a concurrent change fails with
 * {@link ConcurrentDepositChangeException}, so the caller reads again and decides again.
 */
@Service
public class DepositTransitions {

    private final DepositStore deposits;
    private final Ledger ledger;
    private final SagaCommands commands;
    private final Outbox outbox;
    private final DepositAnnouncements announcements;

    public DepositTransitions(
            DepositStore deposits,
            Ledger ledger,
            SagaCommands commands,
            Outbox outbox,
            DepositAnnouncements announcements) {
        this.deposits = deposits;
        this.ledger = ledger;
        this.commands = commands;
        this.outbox = outbox;
        this.announcements = announcements;
    }

    /** CONFIRMED_ON_CHAIN -> OFF_RAMP_INITIATED with the partner's payout id; the dust moves to the dust account. */
    public Mono<Deposit> initiated(Deposit current, String partnerTransferId) {
        OffRampAmount amount = OffRampAmount.of(current.amountUsdc());
        return deposits.offRampInitiated(current.id(), current.version(), partnerTransferId)
                .switchIfEmpty(Mono.error(() -> concurrent(current)))
                .flatMap(deposit -> (amount.hasDust()
                                ? ledger.post(LedgerPosting.offRampDust(deposit, amount))
                                        .then()
                                : Mono.<Void>empty())
                        .then(announcements.statusChanged(deposit))
                        .thenReturn(deposit));
    }

    /** OFF_RAMP_INITIATED -> OFF_RAMP_COMPLETE: the USD is on its way to the broker; FUND_BROKER is recorded. */
    public Mono<Deposit> completed(Deposit current, DepositSaga.Move move) {
        return deposits.move(current.id(), move.from(), move.to(), current.version(), null)
                .switchIfEmpty(Mono.error(() -> concurrent(current)))
                .flatMap(deposit -> ledger.post(
                                LedgerPosting.offRampComplete(deposit, OffRampAmount.of(deposit.amountUsdc())))
                        .then(commands.entered(DepositSaga.DEFINITION, deposit.status(), deposit.id()))
                        .then(announcements.statusChanged(deposit))
                        .thenReturn(deposit));
    }

    /**
     * -> FAILED with the reason, and the compensation the saga's definition names for the state it fails from:
     * {@link #reversed} before the USD was paid out, {@link #heldForReview} after. A deposit failing before it
     * was confirmed posted nothing; the chain's intake moves it.
     */
    public Mono<Deposit> failed(Deposit current, DepositSaga.Move move) {
        DepositSaga.Compensation compensation =
                move.compensation().orElseThrow(() -> new IllegalArgumentException("Not a failure: " + move));
        return switch (compensation) {
            case REVERSE_JOURNAL -> reversed(current, move);
            case HOLD_FOR_REVIEW -> heldForReview(current, move);
            case NOTHING_TO_UNDO ->
                Mono.error(new IllegalStateException("Deposit " + current.id() + " failing from "
                        + move.from().column() + " has nothing to undo; the chain's intake moves it"));
        };
    }

    /**
     * The compensation before the payout: a journal reversing everything the deposit posted, so the user has
     * neither a pending deposit nor buying power from it and the ledger stays balanced.
     */
    private Mono<Deposit> reversed(Deposit current, DepositSaga.Move move) {
        boolean dustMoved = current.status() == DepositStatus.OFF_RAMP_INITIATED;
        return deposits.move(current.id(), move.from(), move.to(), current.version(), move.failureReason())
                .switchIfEmpty(Mono.error(() -> concurrent(current)))
                .flatMap(deposit -> ledger.post(LedgerPosting.depositReversed(
                                deposit, OffRampAmount.of(deposit.amountUsdc()), dustMoved))
                        .then(announcements.statusChanged(deposit))
                        .then(outbox.append(DepositEvents.failedNotification(deposit)))
                        .thenReturn(deposit));
    }

    /**
     * The broker accepted the funding of an off-ramped deposit: its transfer id is recorded (the status stays
     * OFF_RAMP_COMPLETE until the broker reports). Empty when the deposit moved on meanwhile.
     */
    public Mono<Deposit> brokerFundingRequested(Deposit current, String brokerTransferId) {
        return deposits.brokerFundingRequested(current.id(), brokerTransferId);
    }

    /**
     * OFF_RAMP_COMPLETE -> BROKER_FUNDED: the pending deposit becomes buying power (the ledger announces the
     * new balance), and the user is notified.
     */
    public Mono<Deposit> brokerFunded(Deposit current, DepositSaga.Move move, String broker) {
        return deposits.move(current.id(), move.from(), move.to(), current.version(), null)
                .switchIfEmpty(Mono.error(() -> concurrent(current)))
                .flatMap(deposit -> ledger.post(
                                LedgerPosting.brokerFunded(deposit, OffRampAmount.of(deposit.amountUsdc()), broker))
                        .then(announcements.statusChanged(deposit))
                        .then(outbox.append(DepositEvents.fundedNotification(deposit)))
                        .thenReturn(deposit));
    }

    /**
     * OFF_RAMP_COMPLETE -> FAILED because the broker refused or failed the funding: the USD was paid out
     * already, so the user's pending deposit is held for operator review (not reversed to the chain), and
     * the user is told.
     */
    private Mono<Deposit> heldForReview(Deposit current, DepositSaga.Move move) {
        return deposits.move(current.id(), move.from(), move.to(), current.version(), move.failureReason())
                .switchIfEmpty(Mono.error(() -> concurrent(current)))
                .flatMap(deposit -> ledger.post(
                                LedgerPosting.brokerRefused(deposit, OffRampAmount.of(deposit.amountUsdc())))
                        .then(announcements.statusChanged(deposit))
                        .then(outbox.append(DepositEvents.failedNotification(deposit)))
                        .thenReturn(deposit));
    }

    private static ConcurrentDepositChangeException concurrent(Deposit current) {
        return new ConcurrentDepositChangeException(
                "Deposit " + current.id() + " changed after version " + current.version());
    }
}
