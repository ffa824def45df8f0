package com.stack.funding.app;

import com.stack.contracts.events.v1.NotificationRequested;
import com.stack.defaults.messaging.Outbox;
import com.stack.funding.adapters.WithdrawalRepository;
import com.stack.funding.domain.LedgerPosting;
import com.stack.funding.domain.SagaCommand;
import com.stack.funding.domain.Withdrawal;
import com.stack.funding.domain.WithdrawalSaga;
import com.stack.funding.domain.WithdrawalStatus;
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

    private final WithdrawalRepository withdrawals;
    private final Ledger ledger;
    private final SagaCommands commands;
    private final Outbox outbox;
    private final WithdrawalAnnouncements announcements;

    public WithdrawalTransitions(WithdrawalRepository withdrawals, Ledger ledger, SagaCommands commands, Outbox outbox,
            WithdrawalAnnouncements announcements) {
        this.withdrawals = withdrawals;
        this.ledger = ledger;
        this.commands = commands;
        this.outbox = outbox;
        this.announcements = announcements;
    }

    /** PENDING -> BROKER_WITHDRAWAL_INITIATED with the broker's transfer id. */
    public Mono<Withdrawal> brokerInitiated(Withdrawal current, WithdrawalSaga.Move move, String brokerTransferId) {
        return withdrawals.move(current.id(), move.from(), move.to(), current.version(), null, brokerTransferId)
                .switchIfEmpty(Mono.error(() -> concurrent(current)))
                .flatMap(withdrawal -> announcements.statusChanged(withdrawal).thenReturn(withdrawal));
    }

    /** BROKER_WITHDRAWAL_INITIATED -> BROKER_WITHDRAWAL_COMPLETE: the USD left the broker; the on-ramp is next. */
    public Mono<Withdrawal> brokerCompleted(Withdrawal current, WithdrawalSaga.Move move, String broker) {
        return withdrawals.move(current.id(), move.from(), move.to(), current.version(), null, null)
                .switchIfEmpty(Mono.error(() -> concurrent(current)))
                .flatMap(withdrawal -> ledger.post(LedgerPosting.withdrawalLeftBroker(withdrawal, broker))
                        .then(commands.record(SagaCommand.INITIATE_WITHDRAWAL_ON_RAMP, withdrawal.id()))
                        .then(announcements.statusChanged(withdrawal))
                        .thenReturn(withdrawal));
    }

    /**
     * -> FAILED before any money left the broker, and the compensation: the hold is released, so the buying
     * power is back; the user is told.
     */
    public Mono<Withdrawal> failedBeforeMoneyMoved(Withdrawal current, WithdrawalSaga.Move move) {
        if (move.from() != WithdrawalStatus.PENDING && move.from() != WithdrawalStatus.BROKER_WITHDRAWAL_INITIATED) {
            return Mono.error(new IllegalStateException("Withdrawal " + current.id() + " failed after money moved ("
                    + move.from().column() + "): that compensation is not a release of the hold"));
        }
        return withdrawals.move(current.id(), move.from(), move.to(), current.version(), move.failureReason(), null)
                .switchIfEmpty(Mono.error(() -> concurrent(current)))
                .flatMap(withdrawal -> ledger.post(LedgerPosting.withdrawalReleased(withdrawal))
                        .then(announcements.statusChanged(withdrawal))
                        .then(outbox.append(new NotificationRequested(withdrawal.userId(), "WITHDRAWAL_FAILED",
                                "Withdrawal failed", "Your withdrawal of " + withdrawal.amountUsd().toPlainString()
                                        + " USD could not be completed: " + withdrawal.failureReason()
                                        + ". The amount is back in your buying power.")))
                        .thenReturn(withdrawal));
    }

    private static ConcurrentDepositChangeException concurrent(Withdrawal current) {
        return new ConcurrentDepositChangeException("Withdrawal " + current.id() + " changed after version "
                + current.version());
    }
}
