package com.stack.funding.brokerfunding.app;

import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.broker.domain.BrokerReport;
import com.stack.funding.deposit.app.DepositStore;
import com.stack.funding.deposit.app.DepositTransitions;
import com.stack.funding.deposit.domain.Deposit;
import com.stack.funding.deposit.domain.DepositSaga;
import com.stack.funding.deposit.domain.DepositStatus;
import com.stack.funding.deposit.domain.OffRampAmount;
import com.stack.funding.inbox.domain.InboxOutcome;
import com.stack.funding.withdrawal.app.WithdrawalStore;
import com.stack.funding.withdrawal.app.WithdrawalTransitions;
import reactor.core.publisher.Mono;

/**
 * The broker's reports on deposits' fundings and withdrawals' payouts, whichever broker sent them (DriveWealth's queue, Alpaca's
 * event stream, the reconciler's read-back): SUCCESSFUL moves the deposit to BROKER_FUNDED, a failure fails
 * it with the broker's reason. Reports repeat and arrive in any order; only a report that moves the deposit
 * forward changes anything. Runs inside the caller's transaction.
 *
 * <p>A report can arrive before the transaction that stored the broker's transfer id committed (the id is
 * known only from the broker's answer). A transfer id no deposit holds yet is therefore an error for the
 * inbox to retry with backoff; a transfer that is no deposit's at all ends as {@code failed, gave_up}.
 */
public class BrokerFundingReports {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BrokerFundingReports.class);

    private final DepositStore deposits;
    private final DepositTransitions transitions;
    private final WithdrawalStore withdrawals;
    private final WithdrawalTransitions withdrawalTransitions;
    private final String broker;

    public BrokerFundingReports(
            DepositStore deposits,
            DepositTransitions transitions,
            WithdrawalStore withdrawals,
            WithdrawalTransitions withdrawalTransitions,
            String broker) {
        this.deposits = deposits;
        this.transitions = transitions;
        this.withdrawals = withdrawals;
        this.withdrawalTransitions = withdrawalTransitions;
        this.broker = broker;
    }

    /** Applies a report that names the broker's transfer. */
    public Mono<InboxOutcome> apply(BrokerReport report) {
        if (report.outcome() == BrokerReport.Outcome.PENDING) {
            return Mono.just(
                    InboxOutcome.ignored("no_change", "broker transfer " + report.transferId() + " still pending"));
        }
        return deposits.findByBrokerTransfer(report.transferId())
                .flatMap(deposit -> apply(deposit, report))
                .switchIfEmpty(Mono.defer(() -> withdrawals
                        .findByBrokerTransfer(report.transferId())
                        .flatMap(withdrawal -> applyToWithdrawal(withdrawal, report))))
                .switchIfEmpty(Mono.defer(() -> withdrawals
                        .findByBrokerRefund(report.transferId())
                        .flatMap(refund -> applyToRefund(refund, report))))
                .switchIfEmpty(Mono.error(() -> new TransferNotKnownYetException(
                        "No deposit or withdrawal holds broker" + " transfer " + report.transferId() + " yet")));
    }

    /** Applies the broker's report on a withdrawal's payout from the brokerage account. */
    public Mono<InboxOutcome> applyToWithdrawal(
            com.stack.funding.withdrawal.domain.Withdrawal current, BrokerReport report) {
        var step = com.stack.funding.withdrawal.domain.WithdrawalSaga.brokerReported(current, report);
        if (step instanceof com.stack.funding.withdrawal.domain.WithdrawalSaga.Move move) {
            Mono<com.stack.funding.withdrawal.domain.Withdrawal> moved =
                    move.to() == com.stack.funding.withdrawal.domain.WithdrawalStatus.FAILED
                            ? withdrawalTransitions.failed(current, move)
                            : withdrawalTransitions.brokerCompleted(current, move, broker);
            return moved.map(withdrawal -> InboxOutcome.applied(
                    "withdrawal_moved",
                    "withdrawal " + withdrawal.id()
                            + " moved " + move.from().column() + " -> "
                            + move.to().column() + " by broker transfer "
                            + report.transferId()));
        }
        return Mono.just(InboxOutcome.ignored(
                "no_change",
                "withdrawal " + current.id() + " unchanged: "
                        + ((com.stack.funding.withdrawal.domain.WithdrawalSaga.Stay) step).why()));
    }

    /**
     * Applies the broker's report on the credit that refunds a withdrawal whose on-ramp failed: complete
     * releases the hold into buying power. A failed credit leaves the compensation open (the money is still in
     * the house's withdrawal-in-transit account, visible in the ledger and to the reconciler) and says so.
     */
    public Mono<InboxOutcome> applyToRefund(
            com.stack.funding.withdrawal.domain.WithdrawalLegs refund, BrokerReport report) {
        var withdrawal = refund.withdrawal();
        if (report.outcome() == BrokerReport.Outcome.PENDING) {
            return Mono.just(
                    InboxOutcome.ignored("no_change", "broker credit " + report.transferId() + " still pending"));
        }
        if (report.outcome() == BrokerReport.Outcome.FAILED) {
            log.error(
                    "The broker's credit {} refunding withdrawal {} failed ({}); the compensation stays open",
                    report.transferId(),
                    withdrawal.id(),
                    report.reason());
            return Mono.just(InboxOutcome.failed(
                    "refund_failed",
                    "broker credit " + report.transferId() + " refunding withdrawal " + withdrawal.id() + " failed: "
                            + report.reason()));
        }
        return withdrawalTransitions
                .brokerRefunded(withdrawal, broker)
                .map(released -> released
                        ? InboxOutcome.applied(
                                "withdrawal_refunded",
                                "withdrawal " + withdrawal.id() + " refunded by broker credit " + report.transferId()
                                        + "; hold released")
                        : InboxOutcome.ignored("no_change", "withdrawal " + withdrawal.id() + " already refunded"));
    }

    /** Applies a report on the deposit's funding. */
    public Mono<InboxOutcome> apply(Deposit current, BrokerReport report) {
        OffRampAmount amount = OffRampAmount.of(current.amountUsdc());
        if (report.amountUsd() != null && report.amountUsd().compareTo(amount.payoutUsd()) != 0) {
            return Mono.just(InboxOutcome.failed(
                    "amount_mismatch",
                    "broker transfer " + report.transferId()
                            + " reported " + report.amountUsd().toPlainString() + " USD but deposit " + current.id()
                            + " is " + amount.payoutText()));
        }
        DepositSaga.Step step = DepositSaga.brokerReported(current, report);
        if (step instanceof DepositSaga.Move move) {
            Mono<Deposit> moved = move.to() == DepositStatus.FAILED
                    ? transitions.failed(current, move)
                    : transitions.brokerFunded(current, move, broker);
            return moved.map(deposit -> InboxOutcome.applied(
                    "deposit_moved",
                    "deposit " + deposit.id() + " moved " + move.from().column() + " -> "
                            + move.to().column() + " by broker transfer " + report.transferId()));
        }
        return Mono.just(InboxOutcome.ignored(
                "no_change", "deposit " + current.id() + " unchanged: " + ((DepositSaga.Stay) step).why()));
    }

    /** The broker's answer to a funding request as a report. */
    public BrokerReport reportOf(Brokerage.Transfer transfer) {
        BrokerReport.Outcome outcome = switch (transfer.status()) {
            case PENDING -> BrokerReport.Outcome.PENDING;
            case COMPLETE -> BrokerReport.Outcome.COMPLETE;
            case FAILED -> BrokerReport.Outcome.FAILED;
        };
        return new BrokerReport(transfer.transferId(), outcome, null, transfer.reason());
    }

    /** A broker report that came before the deposit holding the transfer committed: retried later. */
    public static final class TransferNotKnownYetException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public TransferNotKnownYetException(String message) {
            super(message, null, false, false);
        }
    }
}
