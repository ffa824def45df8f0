package com.stack.funding.domain;

/**
 * The deposit saga's decisions, on plain values. The saga's state is the deposit row (status and
 * version); each decision says what one input does to it, and never moves it backwards.
 *
 * <p>The steps, in order, with what undoes each once money has moved:
 * <ol>
 *   <li>on chain: the custody partner reports the inbound transfer; a final report confirms the deposit
 *       and posts it to the user's pending deposits ({@link #onChain}). Undo: a reversing journal.</li>
 *   <li>off-ramp initiated: command INITIATE_OFF_RAMP asks the ramp partner for a payout of the amount
 *       rounded down to the cent ({@link #offRampAccepted}); the sub-cent dust moves to the dust account.
 *       A permanent refusal fails the deposit ({@link #offRampRefused}). Undo: a reversing journal.</li>
 *   <li>off-ramp complete: the partner reports the payout ({@link #payoutReported}); complete records
 *       FUND_BROKER, failed fails the deposit. Undo of a failure: a reversing journal.</li>
 *   <li>broker funded: command FUND_BROKER asks the broker to credit the USD to the user's brokerage account
 *       (the deposit keeps OFF_RAMP_COMPLETE and records the broker's transfer id); the broker's report
 *       ({@link #brokerReported}) moves it to BROKER_FUNDED, where the pending deposit becomes buying power,
 *       or fails it: the USD is then held for operator review, never silently dropped.</li>
 * </ol>
 */
public final class DepositSaga {

    private DepositSaga() {}

    /** What to do to the deposit. */
    public sealed interface Step permits Open, Move, Stay {}

    /** Open a new deposit in {@code status}. */
    public record Open(DepositStatus status) implements Step {

        public Open {
            if (!status.canBeFirst()) {
                throw new IllegalDepositTransitionException(null, status);
            }
        }
    }

    /** Move the deposit from {@code from} to {@code to}; {@code failureReason} only when {@code to} is FAILED. */
    public record Move(DepositStatus from, DepositStatus to, String failureReason) implements Step {

        public Move {
            if (!from.canMoveTo(to)) {
                throw new IllegalDepositTransitionException(from, to);
            }
        }
    }

    /** Leave the deposit as it is, because {@code why} (a repeat, a report older than the state, a refused step). */
    public record Stay(String why) implements Step {}

    /**
     * What a report of the deposit's on-chain transfer does, given the deposit as stored ({@code null}
     * when there is none yet). Reports may repeat and arrive out of order: one that would not move the
     * deposit forward changes nothing.
     */
    public static Step onChain(Deposit current, ChainConfirmation reported, String partnerFailureReason) {
        DepositStatus target = switch (reported) {
            case PENDING -> DepositStatus.PENDING_CONFIRMATION;
            case CONFIRMED -> DepositStatus.CONFIRMED_ON_CHAIN;
            case FAILED -> DepositStatus.FAILED;
        };
        if (current == null) {
            return target.canBeFirst()
                    ? new Open(target)
                    : new Stay("the transfer failed before a deposit was opened for it");
        }
        DepositStatus status = current.status();
        if (status == target) {
            return new Stay("already " + status.column());
        }
        if (status.isAtOrBeyond(target)) {
            return new Stay("already " + status.column() + ", beyond " + target.column());
        }
        if (target == DepositStatus.FAILED && status != DepositStatus.PENDING_CONFIRMATION) {
            // the deposit was credited on a confirmation: undoing it is a compensation with a reversing
            // journal, decided by reconciliation against the chain, not by one report
            return new Stay("a failure reported after " + status.column() + " is left to reconciliation");
        }
        if (!status.canMoveTo(target)) {
            return new Stay("refused: " + status.column() + " cannot move to " + target.column());
        }
        String reason = target == DepositStatus.FAILED
                ? "on-chain transfer failed" + (partnerFailureReason == null ? "" : ": " + partnerFailureReason)
                : null;
        return new Move(status, target, reason);
    }

    /** The ramp partner accepted the payout request: a confirmed deposit moves to OFF_RAMP_INITIATED. */
    public static Step offRampAccepted(Deposit current) {
        if (current.status() != DepositStatus.CONFIRMED_ON_CHAIN) {
            return new Stay("already " + current.status().column() + ", no off-ramp to initiate");
        }
        return new Move(DepositStatus.CONFIRMED_ON_CHAIN, DepositStatus.OFF_RAMP_INITIATED, null);
    }

    /** The ramp partner refused the payout for good: a confirmed deposit fails with the partner's reason. */
    public static Step offRampRefused(Deposit current, String reason) {
        if (current.status() != DepositStatus.CONFIRMED_ON_CHAIN) {
            return new Stay("already " + current.status().column() + ", the refusal changes nothing");
        }
        return new Move(DepositStatus.CONFIRMED_ON_CHAIN, DepositStatus.FAILED, "off-ramp refused: " + reason);
    }

    /**
     * What the ramp partner's report on the deposit's payout does. Reports repeat; a pending one, or one
     * for a deposit already past the payout, changes nothing.
     */
    public static Step payoutReported(Deposit current, PayoutReport report) {
        DepositStatus status = current.status();
        DepositStatus target = switch (report.outcome()) {
            case PENDING -> null;
            case COMPLETE -> DepositStatus.OFF_RAMP_COMPLETE;
            case FAILED -> DepositStatus.FAILED;
        };
        if (target == null) {
            return new Stay("payout " + report.payoutId() + " still pending");
        }
        if (status == target || status.isAtOrBeyond(target)) {
            return new Stay("already " + status.column());
        }
        if (status != DepositStatus.OFF_RAMP_INITIATED) {
            return new Stay("refused: a payout report for a deposit in " + status.column());
        }
        String reason = target == DepositStatus.FAILED
                ? "payout " + report.payoutId() + " failed"
                        + (report.errorCode() == null ? "" : ": " + report.errorCode())
                : null;
        return new Move(status, target, reason);
    }

    /**
     * What the broker's report on the deposit's funding does. Reports repeat and come in any order (the
     * broker's queue is unordered): a pending one, or one for a deposit already funded or failed, changes
     * nothing, so a late PENDING after SUCCESSFUL cannot undo the funding.
     */
    public static Step brokerReported(Deposit current, BrokerReport report) {
        DepositStatus status = current.status();
        DepositStatus target = switch (report.outcome()) {
            case PENDING -> null;
            case COMPLETE -> DepositStatus.BROKER_FUNDED;
            case FAILED -> DepositStatus.FAILED;
        };
        if (target == null) {
            return new Stay("broker transfer " + report.transferId() + " still pending");
        }
        if (status.isFinal()) {
            return new Stay("already " + status.column());
        }
        if (status != DepositStatus.OFF_RAMP_COMPLETE) {
            return new Stay("refused: a broker report for a deposit in " + status.column());
        }
        String reason = target == DepositStatus.FAILED
                ? "broker funding " + report.transferId() + " failed"
                        + (report.reason() == null ? "" : ": " + report.reason())
                : null;
        return new Move(status, target, reason);
    }

    /** The broker refused to fund the account for good: an off-ramped deposit fails with the broker's reason. */
    public static Step brokerRefused(Deposit current, String reason) {
        if (current.status() != DepositStatus.OFF_RAMP_COMPLETE) {
            return new Stay("already " + current.status().column() + ", the refusal changes nothing");
        }
        return new Move(DepositStatus.OFF_RAMP_COMPLETE, DepositStatus.FAILED, "broker funding refused: " + reason);
    }

    /** A step the state machine does not allow. */
    public static final class IllegalDepositTransitionException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        public IllegalDepositTransitionException(DepositStatus from, DepositStatus to) {
            super(
                    from == null
                            ? "A deposit cannot begin in " + to.column()
                            : "A deposit cannot move from " + from.column() + " to " + to.column());
        }
    }
}
