package com.stack.funding.reconciliation.app;

import java.time.Duration;
import java.util.function.Function;

import com.stack.defaults.reconciliation.StuckSagaReconciler;
import com.stack.funding.broker.app.BrokerAccounts;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.brokerfunding.app.BrokerFundingReports;
import com.stack.funding.inbox.domain.InboxOutcome;
import com.stack.funding.saga.app.FundingSagaMetrics;
import com.stack.funding.saga.app.SagaCommandStore;
import com.stack.funding.saga.domain.SagaCommand;
import com.stack.funding.withdrawal.app.OnRamp;
import com.stack.funding.withdrawal.app.WalletTransfers;
import com.stack.funding.withdrawal.app.WithdrawalRampReports;
import com.stack.funding.withdrawal.app.WithdrawalRefund;
import com.stack.funding.withdrawal.app.WithdrawalStore;
import com.stack.funding.withdrawal.app.WithdrawalTransferReports;
import com.stack.funding.withdrawal.domain.WithdrawalLegs;
import com.stack.funding.withdrawal.domain.WithdrawalSaga;
import com.stack.funding.withdrawal.domain.WithdrawalStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finds withdrawals that have not moved for the reconciler's {@code stuckAfter} ({@code stack.funding.reconciler.*},
 * shared with the deposits') and asks the partner of their step for the truth, so a lost partner event or a
 * command that gave up cannot leave money in flight for good:
 * <ul>
 *   <li>a step whose command has not reached the partner (pending, broker withdrawal complete, on-ramp complete, a
 *       transfer attempt without its transaction, a refund without its credit): the command is armed again if
 *       it gave up;</li>
 *   <li>a step the partner is working on: the broker's payout (a journal, or a wire found in the account's transfers),
 *       the on-ramp transfer, the custody wallet's transaction or the refund ({@link WithdrawalRefund#status}: the
 *       broker's credit, or the wire in whose memo names the withdrawal) is read back and applied like the partner's
 *       own event.</li>
 * </ul>
 * A partner that cannot be asked now leaves the withdrawal for the next pass. Every change goes through the same
 * reports and transitions as the partners' events, so a late event afterwards changes nothing.
 *
 * <p>Metrics {@code stack.saga.stuck{saga=withdrawal, status}} (unfinished withdrawals unmoved for {@code stuckAfter};
 * {@code compensating}: failed, with the compensation still open) and {@code stack.saga.oldest.age{saga=withdrawal,
 * status}}, refreshed on every pass.
 */
public class WithdrawalReconciler extends StuckSagaReconciler<WithdrawalLegs> {

    private static final Logger log = LoggerFactory.getLogger(WithdrawalReconciler.class);

    private final WithdrawalStore withdrawals;
    private final SagaCommandStore commands;
    private final Brokerage brokerage;
    private final BrokerAccounts accounts;
    private final WithdrawalRefund refund;
    private final OnRamp onRamp;
    private final WalletTransfers transfers;
    private final BrokerFundingReports brokerReports;
    private final WithdrawalRampReports rampReports;
    private final WithdrawalTransferReports transferReports;
    private final TransactionalOperator transactions;
    private final Runnable wakeRunner;
    private final FundingSagaMetrics metrics;

    public WithdrawalReconciler(
            WithdrawalStore withdrawals,
            SagaCommandStore commands,
            Brokerage brokerage,
            BrokerAccounts accounts,
            WithdrawalRefund refund,
            OnRamp onRamp,
            WalletTransfers transfers,
            BrokerFundingReports brokerReports,
            WithdrawalRampReports rampReports,
            WithdrawalTransferReports transferReports,
            TransactionalOperator transactions,
            Runnable wakeRunner,
            FundingSagaMetrics metrics,
            DepositReconciler.Settings settings) {
        super(settings.schedule());
        this.withdrawals = withdrawals;
        this.commands = commands;
        this.brokerage = brokerage;
        this.accounts = accounts;
        this.refund = refund;
        this.onRamp = onRamp;
        this.transfers = transfers;
        this.brokerReports = brokerReports;
        this.rampReports = rampReports;
        this.transferReports = transferReports;
        this.transactions = transactions;
        this.wakeRunner = wakeRunner;
        this.metrics = metrics;
    }

    @Override
    protected Flux<WithdrawalLegs> stuck(Duration stuckAfter, int batchSize) {
        return withdrawals.findUnmovedSince(stuckAfter, batchSize);
    }

    @Override
    protected String describe(WithdrawalLegs legs) {
        return "withdrawal " + legs.withdrawal().id() + " ("
                + legs.withdrawal().status().column() + ")";
    }

    /** The command the saga's definition issues on entering {@code status}. */
    private static SagaCommand issuedIn(WithdrawalStatus status) {
        return WithdrawalSaga.DEFINITION.command(status).orElseThrow();
    }

    @Override
    protected Mono<Boolean> reconcileOne(WithdrawalLegs legs) {
        return switch (legs.withdrawal().status()) {
            case PENDING -> rearm(legs, issuedIn(WithdrawalStatus.PENDING));
            case BROKER_WITHDRAWAL_INITIATED ->
                legs.brokerTransferId() == null
                        ? Mono.just(false)
                        : account(legs)
                                .flatMap(account -> brokerage.withdrawalStatus(account, legs.brokerTransferId()))
                                .flatMap(transfer -> applied(
                                        legs,
                                        current -> brokerReports.applyToWithdrawal(
                                                current.withdrawal(), brokerReports.reportOf(transfer))));
            case BROKER_WITHDRAWAL_COMPLETE -> rearm(legs, issuedIn(WithdrawalStatus.BROKER_WITHDRAWAL_COMPLETE));
            case ON_RAMP_INITIATED ->
                legs.onRampTransferId() == null
                        ? Mono.just(false)
                        : onRamp.status(legs.onRampTransferId())
                                .flatMap(transfer -> applied(
                                        legs,
                                        current -> rampReports.apply(
                                                current.withdrawal(), WithdrawalRampReports.reportOf(transfer))));
            case ON_RAMP_COMPLETE -> rearm(legs, issuedIn(WithdrawalStatus.ON_RAMP_COMPLETE));
            case TRANSFER_INITIATED ->
                legs.chainTransactionId() == null
                        ? rearm(
                                legs,
                                WithdrawalSaga.DEFINITION
                                        .retry(
                                                WithdrawalStatus.TRANSFER_INITIATED,
                                                WithdrawalSaga.Event.TRANSFER_FAILED)
                                        .orElseThrow())
                        : transfers
                                .status(legs.chainTransactionId())
                                .flatMap(transaction ->
                                        applied(legs, current -> transferReports.apply(current, transaction)));
            case FAILED ->
                legs.compensation() != WithdrawalLegs.Compensation.BROKER_REFUND
                        ? Mono.just(false)
                        : legs.brokerRefundTransferId() == null
                                ? rearm(
                                        legs,
                                        WithdrawalSaga.DEFINITION
                                                .compensationCommand(WithdrawalSaga.Compensation.REFUND_BROKER)
                                                .orElseThrow())
                                : account(legs)
                                        .flatMap(account -> refund.status(
                                                legs.withdrawal(), account, legs.brokerRefundTransferId()))
                                        .flatMap(transfer -> applied(
                                                legs,
                                                current -> brokerReports.applyToRefund(
                                                        current, brokerReports.reportOf(transfer))));
            case COMPLETE -> Mono.just(false);
        };
    }

    /** The withdrawal's user's brokerage account (the withdrawal's payout and refund are read on it). */
    private Mono<Brokerage.Account> account(WithdrawalLegs legs) {
        return accounts.find(legs.withdrawal().userId(), brokerage.partner())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "Withdrawal " + legs.withdrawal().id() + " moved money of a " + brokerage.partner()
                                + " account the user does not have")));
    }

    private Mono<Boolean> rearm(WithdrawalLegs legs, SagaCommand command) {
        return commands.rearmFailed(legs.withdrawal().id(), command.name()).doOnNext(rearmed -> {
            if (rearmed) {
                log.warn(
                        "Withdrawal {} unmoved in {}: its {} had given up; armed again",
                        legs.withdrawal().id(),
                        legs.withdrawal().status().column(),
                        command);
                wakeRunner.run();
            }
        });
    }

    /** Applies a partner's read-back in one transaction, on the withdrawal as it is now; true if it moved. */
    private Mono<Boolean> applied(WithdrawalLegs read, Function<WithdrawalLegs, Mono<InboxOutcome>> report) {
        return transactions
                .transactional(withdrawals.legs(read.withdrawal().id()).flatMap(report))
                .map(outcome -> {
                    boolean moved = outcome.kind() == InboxOutcome.Kind.APPLIED;
                    if (moved) {
                        log.warn(
                                "Withdrawal {} reconciled from {}: {}",
                                read.withdrawal().id(),
                                read.withdrawal().status().column(),
                                outcome);
                    }
                    return moved;
                })
                .defaultIfEmpty(false);
    }

    /** Brings the open-withdrawal metrics up to date. */
    @Override
    public Mono<Void> refreshMetrics() {
        return withdrawals
                .openByStatus(stuckAfter())
                .doOnNext(metrics.withdrawals()::open)
                .then();
    }
}
