package com.stack.funding.app;

import com.stack.defaults.messaging.Outbox;
import com.stack.funding.domain.Deposit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Announces a deposit's status change, inside the transaction that makes it: DepositStatusChanged into the
 * outbox (commits with the change), and, once the transaction committed, the deposit to live subscribers
 * ({@link DepositUpdates}). A rolled-back change announces nothing.
 */
@Service
public class DepositAnnouncements {

    private static final Logger log = LoggerFactory.getLogger(DepositAnnouncements.class);

    private final Outbox outbox;
    private final DepositUpdates updates;
    private final DepositIntakeMetrics metrics;

    public DepositAnnouncements(Outbox outbox, DepositUpdates updates, DepositIntakeMetrics metrics) {
        this.outbox = outbox;
        this.updates = updates;
        this.metrics = metrics;
    }

    public Mono<Void> statusChanged(Deposit deposit) {
        return outbox.append(DepositEvents.statusChanged(deposit))
                .then(TransactionSynchronizationManager.forCurrentTransaction())
                .doOnNext(transaction -> transaction.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        if (deposit.status() == com.stack.funding.domain.DepositStatus.BROKER_FUNDED) {
                            metrics.depositFunded();
                        } else if (deposit.status() == com.stack.funding.domain.DepositStatus.FAILED) {
                            metrics.depositFailed(failedStep(deposit));
                        }
                        // live updates must never fail or hold up the committed change
                        return updates.publish(deposit).onErrorResume(e -> {
                            log.warn("Live update of deposit {} not published: {}", deposit.id(), e.toString());
                            return Mono.empty();
                        });
                    }
                }))
                .then();
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
