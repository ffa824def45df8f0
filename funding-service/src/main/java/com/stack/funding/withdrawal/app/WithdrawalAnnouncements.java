package com.stack.funding.withdrawal.app;

import com.stack.contracts.events.v1.WithdrawalStatusChanged;
import com.stack.defaults.live.LiveUpdates;
import com.stack.defaults.metrics.SagaMetrics;
import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.saga.app.FundingSagaMetrics;
import com.stack.funding.saga.app.StatusAnnouncer;
import com.stack.funding.withdrawal.domain.Withdrawal;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Announces a withdrawal's status change ({@link StatusAnnouncer}), inside the transaction that makes it:
 * WithdrawalStatusChanged into the outbox, and, once the transaction committed, the withdrawal counted
 * ({@code stack.saga.transitions}, and {@code stack.saga.duration} when it ends) and published to live subscribers
 * ({@code withdrawalUpdated}). A rolled-back change announces nothing.
 */
@Service
public class WithdrawalAnnouncements {

    private final StatusAnnouncer announcer;
    private final LiveUpdates<Withdrawal> updates;
    private final SagaMetrics sagas;

    public WithdrawalAnnouncements(
            StatusAnnouncer announcer, LiveUpdates<Withdrawal> updates, FundingSagaMetrics sagas) {
        this.announcer = announcer;
        this.updates = updates;
        this.sagas = sagas.withdrawals();
    }

    public Mono<Void> statusChanged(Withdrawal withdrawal) {
        return announcer.announce(
                event(withdrawal),
                withdrawal,
                updates,
                () -> sagas.entered(
                        withdrawal.status().column(), withdrawal.status().isFinal(), withdrawal.createdAt()),
                "withdrawal " + withdrawal.id());
    }

    static WithdrawalStatusChanged event(Withdrawal withdrawal) {
        return new WithdrawalStatusChanged(
                withdrawal.userId(),
                withdrawal.id(),
                withdrawal.status().name(),
                withdrawal.amountUsd().toPlainString(),
                LedgerPosting.USD,
                withdrawal.failureReason(),
                withdrawal.version(),
                withdrawal.updatedAt());
    }
}
