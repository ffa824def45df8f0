package com.stack.funding.deposit.app;

import com.stack.defaults.live.LiveUpdates;
import com.stack.defaults.metrics.SagaMetrics;
import com.stack.funding.deposit.domain.Deposit;
import com.stack.funding.deposit.domain.DepositStatus;
import com.stack.funding.inbox.app.DepositIntakeMetrics;
import com.stack.funding.saga.app.FundingSagaMetrics;
import com.stack.funding.saga.app.StatusAnnouncer;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Announces a deposit's status change ({@link StatusAnnouncer}), inside the transaction that makes it:
 * DepositStatusChanged into the outbox, and, once the transaction committed, the deposit counted
 * ({@code stack.saga.transitions}, {@code stack.saga.duration} when it ends, and the funded and failed counters) and
 * published to live subscribers. A rolled-back change announces nothing.
 */
@Service
public class DepositAnnouncements {

    private final StatusAnnouncer announcer;
    private final LiveUpdates<Deposit> updates;
    private final DepositIntakeMetrics metrics;
    private final SagaMetrics sagas;

    public DepositAnnouncements(
            StatusAnnouncer announcer,
            LiveUpdates<Deposit> updates,
            DepositIntakeMetrics metrics,
            FundingSagaMetrics sagas) {
        this.announcer = announcer;
        this.updates = updates;
        this.metrics = metrics;
        this.sagas = sagas.deposits();
    }

    public Mono<Void> statusChanged(Deposit deposit) {
        return announcer.announce(
                DepositEvents.statusChanged(deposit),
                deposit,
                updates,
                () -> {
                    sagas.entered(deposit.status().column(), deposit.status().isFinal(), deposit.createdAt());
                    if (deposit.status() == DepositStatus.BROKER_FUNDED) {
                        metrics.depositFunded();
                    } else if (deposit.status() == DepositStatus.FAILED) {
                        metrics.depositFailed(failedStep(deposit));
                    }
                },
                "deposit " + deposit.id());
    }

    /** The step a failed deposit failed at, from its reason (a small fixed set, fit for a metric tag). */
    static String failedStep(Deposit deposit) {
        String reason = deposit.failureReason() == null ? "" : deposit.failureReason();
        if (reason.startsWith("broker")) {
            return "broker";
        }
        if (reason.startsWith("on-chain")) {
            return "chain";
        }
        return "off_ramp";
    }
}
