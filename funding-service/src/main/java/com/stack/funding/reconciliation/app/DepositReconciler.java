package com.stack.funding.reconciliation.app;

import java.time.Duration;

import com.stack.defaults.reconciliation.StuckSagaReconciler;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.broker.domain.BrokerReport;
import com.stack.funding.brokerfunding.app.BrokerFundingReports;
import com.stack.funding.deposit.app.DepositStore;
import com.stack.funding.deposit.app.DepositStore.Unmoved;
import com.stack.funding.deposit.app.DepositTransitions;
import com.stack.funding.deposit.app.OffRamp;
import com.stack.funding.deposit.domain.Deposit;
import com.stack.funding.deposit.domain.DepositSaga;
import com.stack.funding.deposit.domain.DepositStatus;
import com.stack.funding.saga.app.FundingSagaMetrics;
import com.stack.funding.saga.app.SagaCommandStore;
import com.stack.funding.saga.domain.SagaCommand;
import com.stack.funding.shared.domain.PayoutReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finds deposits that have not moved for {@code stuckAfter} and asks the partner of their step for the
 * truth, so a lost or never-sent partner event cannot leave money in flight for good:
 * <ul>
 *   <li>off-ramp initiated: the ramp partner's payout is read back; complete moves the deposit on, failed
 *       fails it (with the reversal), pending leaves it.</li>
 *   <li>off-ramp complete with a broker transfer: the broker's funding is read back and applied like the
 *       broker's own event; without one, a FUND_BROKER command that gave up is armed again.</li>
 *   <li>confirmed on chain: an INITIATE_OFF_RAMP command that gave up is armed again.</li>
 *   <li>a partner that has no record of the transfer it was asked for: the deposit fails with that reason
 *       (the off-ramp reversed, or the broker's USD held for review).</li>
 * </ul>
 * A partner that cannot be asked now leaves the deposit for the next pass. Every change goes through the
 * same transitions as the partner's events, so a late event afterwards changes nothing.
 *
 * <p>Metrics {@code stack.saga.stuck{saga=deposit, status}} (unfinished deposits unmoved for {@code stuckAfter}) and
 * {@code stack.saga.oldest.age{saga=deposit, status}}, refreshed on every pass.
 */
public class DepositReconciler extends StuckSagaReconciler<Unmoved> {

    private static final Logger log = LoggerFactory.getLogger(DepositReconciler.class);

    /**
     * {@code stack.funding.reconciler.*}.
     *
     * @param enabled    run with the application
     * @param interval   how often unmoved deposits are looked for
     * @param stuckAfter how long a deposit may stay in one step before the partner is asked
     * @param batchSize  deposits reconciled per pass
     */
    @ConfigurationProperties("stack.funding.reconciler")
    public record Settings(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("30s") Duration interval,
            @DefaultValue("2m") Duration stuckAfter,
            @DefaultValue("100") int batchSize) {

        public Schedule schedule() {
            return new Schedule(enabled, interval, stuckAfter, batchSize);
        }
    }

    private final DepositStore deposits;
    private final SagaCommandStore commands;
    private final OffRamp offRamp;
    private final Brokerage brokerage;
    private final DepositTransitions transitions;
    private final BrokerFundingReports brokerReports;
    private final TransactionalOperator transactions;
    private final Runnable wakeRunner;
    private final FundingSagaMetrics metrics;

    public DepositReconciler(
            DepositStore deposits,
            SagaCommandStore commands,
            OffRamp offRamp,
            Brokerage brokerage,
            DepositTransitions transitions,
            BrokerFundingReports brokerReports,
            TransactionalOperator transactions,
            Runnable wakeRunner,
            FundingSagaMetrics metrics,
            Settings settings) {
        super(settings.schedule());
        this.deposits = deposits;
        this.commands = commands;
        this.offRamp = offRamp;
        this.brokerage = brokerage;
        this.transitions = transitions;
        this.brokerReports = brokerReports;
        this.transactions = transactions;
        this.wakeRunner = wakeRunner;
        this.metrics = metrics;
    }

    @Override
    protected Flux<Unmoved> stuck(Duration stuckAfter, int batchSize) {
        return deposits.findUnmovedSince(stuckAfter, batchSize);
    }

    @Override
    protected String describe(Unmoved unmoved) {
        return "deposit " + unmoved.deposit().id() + " ("
                + unmoved.deposit().status().column() + ")";
    }

    /** The command the saga's definition issues on entering {@code status}. */
    private static SagaCommand issuedIn(DepositStatus status) {
        return DepositSaga.DEFINITION.command(status).orElseThrow();
    }

    @Override
    protected Mono<Boolean> reconcileOne(Unmoved unmoved) {
        Deposit deposit = unmoved.deposit();
        return switch (deposit.status()) {
            case CONFIRMED_ON_CHAIN -> rearm(deposit, issuedIn(DepositStatus.CONFIRMED_ON_CHAIN));
            case OFF_RAMP_INITIATED ->
                unmoved.offRampTransferId() == null
                        ? Mono.just(false)
                        : offRamp.status(unmoved.offRampTransferId())
                                .flatMap(transfer -> payoutIs(deposit.id(), transfer))
                                .onErrorResume(
                                        OffRamp.OffRampRefusedException.class,
                                        e -> offRampUnknown(deposit.id(), unmoved.offRampTransferId(), e.getMessage()));
            case OFF_RAMP_COMPLETE ->
                unmoved.brokerTransferId() == null
                        ? rearm(deposit, issuedIn(DepositStatus.OFF_RAMP_COMPLETE))
                        : brokerage
                                .fundingStatus(unmoved.brokerTransferId())
                                .flatMap(transfer -> fundingIs(deposit.id(), transfer))
                                .onErrorResume(
                                        Brokerage.BrokerRefusedException.class,
                                        e -> fundingUnknown(deposit.id(), unmoved.brokerTransferId(), e.getMessage()));
            // waiting for the chain: the custody partner's notifications decide; the metric shows it
            case PENDING_CONFIRMATION, BROKER_FUNDED, FAILED -> Mono.just(false);
        };
    }

    private Mono<Boolean> rearm(Deposit deposit, SagaCommand command) {
        return commands.rearmFailed(deposit.id(), command.name()).doOnNext(rearmed -> {
            if (rearmed) {
                log.warn(
                        "Deposit {} unmoved in {}: its {} had given up; armed again",
                        deposit.id(),
                        deposit.status().column(),
                        command);
                wakeRunner.run();
            }
        });
    }

    private Mono<Boolean> payoutIs(java.util.UUID depositId, OffRamp.OffRampTransfer transfer) {
        PayoutReport.Outcome outcome = switch (transfer.status()) {
            case PENDING -> PayoutReport.Outcome.PENDING;
            case COMPLETE -> PayoutReport.Outcome.COMPLETE;
            case FAILED -> PayoutReport.Outcome.FAILED;
        };
        PayoutReport report =
                new PayoutReport(transfer.partnerTransferId(), outcome, null, "read back by the reconciler");
        return inTransaction(depositId, current -> {
            DepositSaga.Step step = DepositSaga.payoutReported(current, report);
            if (!(step instanceof DepositSaga.Move move)) {
                return Mono.just(false);
            }
            log.warn(
                    "Deposit {} reconciled: payout {} is {} at the ramp partner",
                    depositId,
                    transfer.partnerTransferId(),
                    transfer.status());
            return (move.to() == DepositStatus.FAILED
                            ? transitions.failed(current, move)
                            : transitions.completed(current, move))
                    .thenReturn(true);
        });
    }

    private Mono<Boolean> offRampUnknown(java.util.UUID depositId, String payoutId, String why) {
        return inTransaction(depositId, current -> {
            DepositSaga.Step step = DepositSaga.payoutReported(
                    current,
                    new PayoutReport(
                            payoutId,
                            PayoutReport.Outcome.FAILED,
                            null,
                            "the ramp partner has no record of it (" + why + ")"));
            return step instanceof DepositSaga.Move move
                    ? transitions.failed(current, move).thenReturn(true)
                    : Mono.just(false);
        });
    }

    private Mono<Boolean> fundingIs(java.util.UUID depositId, Brokerage.Transfer transfer) {
        return inTransaction(
                depositId,
                current -> brokerReports
                        .apply(current, brokerReports.reportOf(transfer))
                        .map(outcome -> {
                            boolean moved = outcome.kind() == com.stack.funding.inbox.domain.InboxOutcome.Kind.APPLIED;
                            if (moved) {
                                log.warn(
                                        "Deposit {} reconciled: broker funding {} is {}",
                                        depositId,
                                        transfer.transferId(),
                                        transfer.status());
                            }
                            return moved;
                        }));
    }

    private Mono<Boolean> fundingUnknown(java.util.UUID depositId, String transferId, String why) {
        return inTransaction(
                depositId,
                current -> brokerReports
                        .apply(
                                current,
                                new BrokerReport(
                                        transferId,
                                        BrokerReport.Outcome.FAILED,
                                        null,
                                        "the broker has no record of it (" + why + ")"))
                        .map(outcome -> outcome.kind() == com.stack.funding.inbox.domain.InboxOutcome.Kind.APPLIED));
    }

    private Mono<Boolean> inTransaction(
            java.util.UUID depositId, java.util.function.Function<Deposit, Mono<Boolean>> step) {
        return transactions
                .transactional(deposits.findByIdForUpdate(depositId).flatMap(step))
                .defaultIfEmpty(false);
    }

    /** Brings the open-deposit metrics up to date. */
    @Override
    public Mono<Void> refreshMetrics() {
        return deposits.openByStatus(stuckAfter())
                .doOnNext(metrics.deposits()::open)
                .then();
    }
}
