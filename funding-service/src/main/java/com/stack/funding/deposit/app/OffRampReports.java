package com.stack.funding.deposit.app;

import com.stack.funding.deposit.domain.Deposit;
import com.stack.funding.deposit.domain.DepositSaga;
import com.stack.funding.deposit.domain.DepositStatus;
import com.stack.funding.deposit.domain.OffRampAmount;
import com.stack.funding.inbox.domain.InboxOutcome;
import com.stack.funding.shared.domain.PayoutReport;
import reactor.core.publisher.Mono;

/**
 * The ramp partner's reports on deposits' payouts, whichever ramp sent them (Circle's {@code payouts}
 * notifications, Due's transfer webhooks): complete moves the deposit OFF_RAMP_INITIATED -> OFF_RAMP_COMPLETE
 * (and records FUND_BROKER); failed fails it and reverses its journal. Repeats change nothing (the deposit is
 * already past it). Runs inside the caller's transaction.
 *
 * <p>Out of order: a report can arrive before the transaction that stored the payout id committed (the
 * payout id is known only from the partner's answer, so no mapping can be stored earlier). A payout id no
 * deposit holds yet is therefore an error here, which makes the inbox retry the notification with
 * backoff until the initiating transaction has committed; a payout that is no deposit's at all ends as
 * {@code failed, gave_up} after the inbox's attempts.
 */
public class OffRampReports {

    private final DepositStore deposits;
    private final DepositTransitions transitions;

    public OffRampReports(DepositStore deposits, DepositTransitions transitions) {
        this.deposits = deposits;
        this.transitions = transitions;
    }

    /** Applies a report that names the partner's payout. */
    public Mono<InboxOutcome> apply(PayoutReport report) {
        if (report.outcome() == PayoutReport.Outcome.PENDING) {
            return Mono.just(InboxOutcome.ignored("no_change", "payout " + report.payoutId() + " still pending"));
        }
        return deposits.findByOffRampTransfer(report.payoutId())
                .switchIfEmpty(Mono.error(
                        () -> new PayoutNotKnownYetException("No deposit holds payout " + report.payoutId() + " yet")))
                .flatMap(deposit -> apply(deposit, report));
    }

    /** Applies a report on the deposit's payout. */
    public Mono<InboxOutcome> apply(Deposit current, PayoutReport report) {
        OffRampAmount amount = OffRampAmount.of(current.amountUsdc());
        if (report.amountUsd() != null && report.amountUsd().compareTo(amount.payoutUsd()) != 0) {
            return Mono.just(InboxOutcome.failed(
                    "amount_mismatch",
                    "payout " + report.payoutId() + " reported "
                            + report.amountUsd().toPlainString() + " USD but deposit " + current.id() + " paid out "
                            + amount.payoutText()));
        }
        DepositSaga.Step step = DepositSaga.payoutReported(current, report);
        if (step instanceof DepositSaga.Move move) {
            Mono<Deposit> moved = move.to() == DepositStatus.FAILED
                    ? transitions.failed(current, move)
                    : transitions.completed(current, move);
            return moved.map(deposit -> InboxOutcome.applied(
                    "deposit_moved",
                    "deposit " + deposit.id() + " moved " + move.from().column() + " -> "
                            + move.to().column() + " by payout " + report.payoutId()));
        }
        return Mono.just(InboxOutcome.ignored(
                "no_change", "deposit " + current.id() + " unchanged: " + ((DepositSaga.Stay) step).why()));
    }

    /** A payout report that came before the deposit holding the payout committed: retried later. */
    public static final class PayoutNotKnownYetException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public PayoutNotKnownYetException(String message) {
            super(message, null, false, false);
        }
    }
}
