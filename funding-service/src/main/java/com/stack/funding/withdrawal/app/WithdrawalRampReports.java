package com.stack.funding.withdrawal.app;

import com.stack.funding.deposit.app.OffRampReports;
import com.stack.funding.inbox.domain.InboxOutcome;
import com.stack.funding.shared.domain.PayoutReport;
import com.stack.funding.withdrawal.domain.Withdrawal;
import com.stack.funding.withdrawal.domain.WithdrawalSaga;
import com.stack.funding.withdrawal.domain.WithdrawalStatus;
import reactor.core.publisher.Mono;

/**
 * The ramp partner's reports on withdrawals' on-ramp transfers (Circle's {@code transfers} notifications, Due's
 * transfer webhooks read back, the partner's answer to the request itself): complete moves the withdrawal
 * ON_RAMP_INITIATED -> ON_RAMP_COMPLETE (and records SEND_WITHDRAWAL_TRANSFER); failed fails it and starts the
 * compensation. Repeats change nothing. Runs inside the caller's transaction.
 *
 * <p>A report can come before the transaction that stored the transfer id committed; a transfer no withdrawal
 * holds yet is then an error, so the inbox retries it with backoff (as for deposits' payouts).
 */
public class WithdrawalRampReports {

    private final WithdrawalStore withdrawals;
    private final WithdrawalTransitions transitions;

    public WithdrawalRampReports(WithdrawalStore withdrawals, WithdrawalTransitions transitions) {
        this.withdrawals = withdrawals;
        this.transitions = transitions;
    }

    /** Applies a report that names the partner's transfer. */
    public Mono<InboxOutcome> apply(PayoutReport report) {
        if (report.outcome() == PayoutReport.Outcome.PENDING) {
            return Mono.just(
                    InboxOutcome.ignored("no_change", "on-ramp transfer " + report.payoutId() + " still pending"));
        }
        return withdrawals
                .findByOnRampTransfer(report.payoutId())
                .switchIfEmpty(Mono.error(() -> new OffRampReports.PayoutNotKnownYetException(
                        "No withdrawal holds" + " on-ramp transfer " + report.payoutId() + " yet")))
                .flatMap(legs -> apply(legs.withdrawal(), report));
    }

    /** Applies a report on the withdrawal's on-ramp transfer. */
    public Mono<InboxOutcome> apply(Withdrawal current, PayoutReport report) {
        if (report.outcome() == PayoutReport.Outcome.COMPLETE
                && report.amountUsd() != null
                && report.amountUsd().compareTo(current.amountUsd()) != 0) {
            return Mono.just(InboxOutcome.failed(
                    "amount_mismatch",
                    "on-ramp transfer " + report.payoutId()
                            + " reported " + report.amountUsd().toPlainString() + " USD but withdrawal " + current.id()
                            + " is "
                            + current.amountUsd().toPlainString()));
        }
        WithdrawalSaga.Step step = WithdrawalSaga.onRampReported(current, report);
        if (step instanceof WithdrawalSaga.Move move) {
            Mono<Withdrawal> moved = move.to() == WithdrawalStatus.FAILED
                    ? transitions.failed(current, move)
                    : transitions.onRampCompleted(current, move);
            return moved.map(withdrawal -> InboxOutcome.applied(
                    "withdrawal_moved",
                    "withdrawal " + withdrawal.id()
                            + " moved " + move.from().column() + " -> "
                            + move.to().column() + " by on-ramp transfer "
                            + report.payoutId()));
        }
        return Mono.just(InboxOutcome.ignored(
                "no_change", "withdrawal " + current.id() + " unchanged: " + ((WithdrawalSaga.Stay) step).why()));
    }

    /** The partner's answer to an on-ramp request as a report. */
    public static PayoutReport reportOf(OnRamp.OnRampTransfer transfer) {
        PayoutReport.Outcome outcome = switch (transfer.status()) {
            case PENDING -> PayoutReport.Outcome.PENDING;
            case COMPLETE -> PayoutReport.Outcome.COMPLETE;
            case FAILED -> PayoutReport.Outcome.FAILED;
        };
        return new PayoutReport(transfer.partnerTransferId(), outcome, null, transfer.reason());
    }
}
