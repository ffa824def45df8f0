package com.stack.funding.deposit.domain;

import static com.stack.funding.deposit.domain.DepositStatus.BROKER_FUNDED;
import static com.stack.funding.deposit.domain.DepositStatus.CONFIRMED_ON_CHAIN;
import static com.stack.funding.deposit.domain.DepositStatus.FAILED;
import static com.stack.funding.deposit.domain.DepositStatus.OFF_RAMP_COMPLETE;
import static com.stack.funding.deposit.domain.DepositStatus.OFF_RAMP_INITIATED;
import static com.stack.funding.deposit.domain.DepositStatus.PENDING_CONFIRMATION;

import java.util.Optional;

import com.stack.funding.broker.domain.BrokerReport;
import com.stack.funding.saga.domain.SagaCommand;
import com.stack.funding.saga.domain.SagaDefinition;
import com.stack.funding.shared.domain.PayoutReport;

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
 *
 * <p>{@link #DEFINITION} declares these steps; the decisions below look their targets up there.
 */
public final class DepositSaga {

    /** What moves a deposit: the custody partner's, the ramp partner's and the broker's reports and answers. */
    public enum Event {
        /** The custody partner reports the inbound transfer, not final on chain yet. */
        CHAIN_PENDING,
        /** The custody partner reports the inbound transfer final on chain. */
        CHAIN_CONFIRMED,
        /** The custody partner reports the inbound transfer failed. */
        CHAIN_FAILED,
        /** The ramp partner accepted the payout request (command INITIATE_OFF_RAMP). */
        OFF_RAMP_ACCEPTED,
        /** The ramp partner refused the payout for good. */
        OFF_RAMP_REFUSED,
        /** The ramp partner reports the payout complete. */
        PAYOUT_COMPLETE,
        /** The ramp partner reports the payout failed. */
        PAYOUT_FAILED,
        /** The broker reports the USD credited to the brokerage account (after command FUND_BROKER). */
        FUNDING_COMPLETE,
        /** The broker reports the funding failed. */
        FUNDING_FAILED,
        /** The broker refused the funding for good. */
        FUNDING_REFUSED
    }

    /** What undoes a deposit's failure, by the state it failed from. */
    public enum Compensation {
        /** Failed before it was confirmed: nothing was posted. */
        NOTHING_TO_UNDO,
        /** Failed before the USD was paid out: a journal reverses everything the deposit posted. */
        REVERSE_JOURNAL,
        /** Failed after the USD was paid out: the pending deposit is held for an operator's review. */
        HOLD_FOR_REVIEW
    }

    /** The deposit saga. */
    public static final SagaDefinition<DepositStatus, Event, Compensation> DEFINITION =
            SagaDefinition.<DepositStatus, Event, Compensation>saga(
                            SagaCommand.DEPOSIT_SAGA, DepositStatus.class, FAILED)
                    .beginsIn(PENDING_CONFIRMATION, Event.CHAIN_PENDING)
                    .beginsIn(CONFIRMED_ON_CHAIN, Event.CHAIN_CONFIRMED)
                    .in(PENDING_CONFIRMATION)
                    .on(Event.CHAIN_CONFIRMED, CONFIRMED_ON_CHAIN)
                    .on(Event.CHAIN_FAILED, FAILED)
                    .compensatedBy(Compensation.NOTHING_TO_UNDO)
                    .in(CONFIRMED_ON_CHAIN)
                    .issues(SagaCommand.INITIATE_OFF_RAMP)
                    .on(Event.OFF_RAMP_ACCEPTED, OFF_RAMP_INITIATED)
                    .on(Event.OFF_RAMP_REFUSED, FAILED)
                    .compensatedBy(Compensation.REVERSE_JOURNAL)
                    .in(OFF_RAMP_INITIATED)
                    .on(Event.PAYOUT_COMPLETE, OFF_RAMP_COMPLETE)
                    .on(Event.PAYOUT_FAILED, FAILED)
                    .compensatedBy(Compensation.REVERSE_JOURNAL)
                    .in(OFF_RAMP_COMPLETE)
                    .issues(SagaCommand.FUND_BROKER)
                    .on(Event.FUNDING_COMPLETE, BROKER_FUNDED)
                    .on(Event.FUNDING_FAILED, FAILED)
                    .on(Event.FUNDING_REFUSED, FAILED)
                    .compensatedBy(Compensation.HOLD_FOR_REVIEW)
                    .build();

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

        /** What undoes this move, when it fails the deposit. */
        public Optional<Compensation> compensation() {
            return to == FAILED ? Optional.of(DEFINITION.compensation(from)) : Optional.empty();
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
        Event event = switch (reported) {
            case PENDING -> Event.CHAIN_PENDING;
            case CONFIRMED -> Event.CHAIN_CONFIRMED;
            case FAILED -> Event.CHAIN_FAILED;
        };
        if (current == null) {
            return DEFINITION
                    .begins(event)
                    .<Step>map(Open::new)
                    .orElseGet(() -> new Stay("the transfer failed before a deposit was opened for it"));
        }
        DepositStatus status = current.status();
        DepositStatus reportedState = leadsTo(event);
        if (status == reportedState) {
            return new Stay("already " + status.column());
        }
        if (status.isAtOrBeyond(reportedState)) {
            return new Stay("already " + status.column() + ", beyond " + reportedState.column());
        }
        Optional<DepositStatus> target = DEFINITION.target(status, event);
        if (target.isEmpty()) {
            // a failure after the confirmation credited the deposit: undoing it is a compensation with a
            // reversing journal, decided by reconciliation against the chain, not by one report
            return event == Event.CHAIN_FAILED
                    ? new Stay("a failure reported after " + status.column() + " is left to reconciliation")
                    : new Stay("refused: " + status.column() + " cannot move to " + reportedState.column());
        }
        String reason = target.get() == FAILED
                ? "on-chain transfer failed" + (partnerFailureReason == null ? "" : ": " + partnerFailureReason)
                : null;
        return new Move(status, target.get(), reason);
    }

    /** The ramp partner accepted the payout request: a confirmed deposit moves to OFF_RAMP_INITIATED. */
    public static Step offRampAccepted(Deposit current) {
        return DEFINITION
                .target(current.status(), Event.OFF_RAMP_ACCEPTED)
                .<Step>map(to -> new Move(current.status(), to, null))
                .orElseGet(() -> new Stay("already " + current.status().column() + ", no off-ramp to initiate"));
    }

    /** The ramp partner refused the payout for good: a confirmed deposit fails with the partner's reason. */
    public static Step offRampRefused(Deposit current, String reason) {
        return DEFINITION
                .target(current.status(), Event.OFF_RAMP_REFUSED)
                .<Step>map(to -> new Move(current.status(), to, "off-ramp refused: " + reason))
                .orElseGet(() -> new Stay("already " + current.status().column() + ", the refusal changes nothing"));
    }

    /**
     * What the ramp partner's report on the deposit's payout does. Reports repeat; a pending one, or one
     * for a deposit already past the payout, changes nothing.
     */
    public static Step payoutReported(Deposit current, PayoutReport report) {
        DepositStatus status = current.status();
        Event event = switch (report.outcome()) {
            case PENDING -> null;
            case COMPLETE -> Event.PAYOUT_COMPLETE;
            case FAILED -> Event.PAYOUT_FAILED;
        };
        if (event == null) {
            return new Stay("payout " + report.payoutId() + " still pending");
        }
        if (status.isAtOrBeyond(leadsTo(event))) {
            return new Stay("already " + status.column());
        }
        Optional<DepositStatus> target = DEFINITION.target(status, event);
        if (target.isEmpty()) {
            return new Stay("refused: a payout report for a deposit in " + status.column());
        }
        String reason = target.get() == FAILED
                ? "payout " + report.payoutId() + " failed"
                        + (report.errorCode() == null ? "" : ": " + report.errorCode())
                : null;
        return new Move(status, target.get(), reason);
    }

    /**
     * What the broker's report on the deposit's funding does. Reports repeat and come in any order (the
     * broker's queue is unordered): a pending one, or one for a deposit already funded or failed, changes
     * nothing, so a late PENDING after SUCCESSFUL cannot undo the funding.
     */
    public static Step brokerReported(Deposit current, BrokerReport report) {
        DepositStatus status = current.status();
        Event event = switch (report.outcome()) {
            case PENDING -> null;
            case COMPLETE -> Event.FUNDING_COMPLETE;
            case FAILED -> Event.FUNDING_FAILED;
        };
        if (event == null) {
            return new Stay("broker transfer " + report.transferId() + " still pending");
        }
        if (status.isFinal()) {
            return new Stay("already " + status.column());
        }
        Optional<DepositStatus> target = DEFINITION.target(status, event);
        if (target.isEmpty()) {
            return new Stay("refused: a broker report for a deposit in " + status.column());
        }
        String reason = target.get() == FAILED
                ? "broker funding " + report.transferId() + " failed"
                        + (report.reason() == null ? "" : ": " + report.reason())
                : null;
        return new Move(status, target.get(), reason);
    }

    /** The broker refused to fund the account for good: an off-ramped deposit fails with the broker's reason. */
    public static Step brokerRefused(Deposit current, String reason) {
        return DEFINITION
                .target(current.status(), Event.FUNDING_REFUSED)
                .<Step>map(to -> new Move(current.status(), to, "broker funding refused: " + reason))
                .orElseGet(() -> new Stay("already " + current.status().column() + ", the refusal changes nothing"));
    }

    private static DepositStatus leadsTo(Event event) {
        return DEFINITION.leadsTo(event).orElseThrow();
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
