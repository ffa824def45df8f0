package com.stack.funding.withdrawal.domain;

import static com.stack.funding.withdrawal.domain.WithdrawalStatus.BROKER_WITHDRAWAL_COMPLETE;
import static com.stack.funding.withdrawal.domain.WithdrawalStatus.BROKER_WITHDRAWAL_INITIATED;
import static com.stack.funding.withdrawal.domain.WithdrawalStatus.COMPLETE;
import static com.stack.funding.withdrawal.domain.WithdrawalStatus.FAILED;
import static com.stack.funding.withdrawal.domain.WithdrawalStatus.ON_RAMP_COMPLETE;
import static com.stack.funding.withdrawal.domain.WithdrawalStatus.ON_RAMP_INITIATED;
import static com.stack.funding.withdrawal.domain.WithdrawalStatus.PENDING;
import static com.stack.funding.withdrawal.domain.WithdrawalStatus.TRANSFER_INITIATED;

import java.util.Optional;

import com.stack.funding.broker.domain.BrokerReport;
import com.stack.funding.saga.domain.SagaCommand;
import com.stack.funding.saga.domain.SagaDefinition;
import com.stack.funding.shared.domain.PayoutReport;

/**
 * The withdrawal saga's decisions, on plain values; the saga's state is the withdrawal row (status and
 * version), and no decision moves it backwards. The steps, each with what undoes it once money moved:
 * <ol>
 *   <li>recorded: the amount is held (buying power -> pending withdrawal). Undo: the hold is released.</li>
 *   <li>broker withdrawal initiated: command INITIATE_BROKER_WITHDRAWAL asks the broker to pay the USD out of
 *       the user's account, to the house or by wire into the bank account the on-ramp names (Due: the user's
 *       virtual account) ({@link #brokerAccepted}); a refusal fails the withdrawal and releases the hold
 *       ({@link #brokerRefused}).</li>
 *   <li>broker withdrawal complete: the broker reports the USD paid out ({@link #brokerReported}); the next
 *       command, INITIATE_WITHDRAWAL_ON_RAMP, is recorded. A failure reported by the broker fails the withdrawal
 *       and releases the hold. Undo after this point: the broker account is credited back.</li>
 *   <li>on-ramp initiated: the ramp partner accepted to send the USDC into the user's custody wallet
 *       ({@link #onRampAccepted}); a refusal, or a failure it reports ({@link #onRampReported}), fails the
 *       withdrawal and starts the compensation: REFUND_BROKER_WITHDRAWAL sends the USD back to the brokerage
 *       account (the broker credits it, or Due wires it back from the virtual account), and the hold is released
 *       when the broker reports the credit, or the wire in ({@link WireRefund}).</li>
 *   <li>on-ramp complete: the USDC is in custody; SEND_WITHDRAWAL_TRANSFER is recorded.</li>
 *   <li>transfer initiated: the custody wallet's transfer to the user's address was accepted
 *       ({@link #transferAccepted}); its outcome ({@link #transferReported}) completes the withdrawal with the
 *       chain's transaction hash, or, when it failed, sends it again under a new key, up to the configured
 *       attempts, then parks the withdrawal: FAILED, the USDC held in custody and owed to the user in the
 *       ledger's review account, for an operator. Nothing is ever silently lost.</li>
 * </ol>
 *
 * <p>{@link #DEFINITION} declares these steps; the decisions below look their targets up there.
 */
public final class WithdrawalSaga {

    /** What moves a withdrawal: the user's request, then the broker's, the ramp partner's and the custody wallet's answers and reports. */
    public enum Event {
        /** The user asked for the withdrawal and the amount is held. */
        REQUESTED,
        /** The broker accepted to pay the USD out (command INITIATE_BROKER_WITHDRAWAL). */
        BROKER_ACCEPTED,
        /** The broker refused the payout for good. */
        BROKER_REFUSED,
        /** The broker reports the USD paid out of the brokerage account. */
        BROKER_PAID_OUT,
        /** The broker reports the payout failed. */
        BROKER_PAYOUT_FAILED,
        /** The ramp partner accepted the on-ramp (command INITIATE_WITHDRAWAL_ON_RAMP). */
        ON_RAMP_ACCEPTED,
        /** The ramp partner refused the on-ramp for good. */
        ON_RAMP_REFUSED,
        /** The ramp partner reports the USDC delivered into the custody wallet. */
        ON_RAMP_DELIVERED,
        /** The ramp partner reports the on-ramp failed. */
        ON_RAMP_FAILED,
        /** The custody wallet's partner accepted the on-chain transfer (command SEND_WITHDRAWAL_TRANSFER). */
        TRANSFER_ACCEPTED,
        /** The custody wallet's partner refused to send for good. */
        TRANSFER_REFUSED,
        /** The current attempt's on-chain transaction is final on chain. */
        TRANSFER_CONFIRMED,
        /** The current attempt's transaction failed while attempts remain. */
        TRANSFER_FAILED,
        /** The last attempt's transaction failed. */
        TRANSFER_GAVE_UP
    }

    /** What undoes a withdrawal's failure, by the state it failed from. */
    public enum Compensation {
        /** Nothing left the broker yet: the hold is released into buying power. */
        RELEASE_HOLD,
        /** The broker paid out but the on-ramp failed: command REFUND_BROKER_WITHDRAWAL sends the USD back. */
        REFUND_BROKER,
        /** The USDC is in custody but cannot be sent: it is held, owed to the user, for an operator. */
        PARK
    }

    /** The withdrawal saga. */
    public static final SagaDefinition<WithdrawalStatus, Event, Compensation> DEFINITION =
            SagaDefinition.<WithdrawalStatus, Event, Compensation>saga(
                            SagaCommand.WITHDRAWAL_SAGA, WithdrawalStatus.class, FAILED)
                    .beginsIn(PENDING, Event.REQUESTED)
                    .in(PENDING)
                    .issues(SagaCommand.INITIATE_BROKER_WITHDRAWAL)
                    .on(Event.BROKER_ACCEPTED, BROKER_WITHDRAWAL_INITIATED)
                    .on(Event.BROKER_REFUSED, FAILED)
                    .compensatedBy(Compensation.RELEASE_HOLD)
                    .in(BROKER_WITHDRAWAL_INITIATED)
                    .on(Event.BROKER_PAID_OUT, BROKER_WITHDRAWAL_COMPLETE)
                    .on(Event.BROKER_PAYOUT_FAILED, FAILED)
                    .compensatedBy(Compensation.RELEASE_HOLD)
                    .in(BROKER_WITHDRAWAL_COMPLETE)
                    .issues(SagaCommand.INITIATE_WITHDRAWAL_ON_RAMP)
                    .on(Event.ON_RAMP_ACCEPTED, ON_RAMP_INITIATED)
                    .on(Event.ON_RAMP_REFUSED, FAILED)
                    .compensatedBy(Compensation.REFUND_BROKER)
                    .in(ON_RAMP_INITIATED)
                    .on(Event.ON_RAMP_DELIVERED, ON_RAMP_COMPLETE)
                    .on(Event.ON_RAMP_FAILED, FAILED)
                    .compensatedBy(Compensation.REFUND_BROKER)
                    .in(ON_RAMP_COMPLETE)
                    .issues(SagaCommand.SEND_WITHDRAWAL_TRANSFER)
                    .on(Event.TRANSFER_ACCEPTED, TRANSFER_INITIATED)
                    .on(Event.TRANSFER_REFUSED, FAILED)
                    .compensatedBy(Compensation.PARK)
                    .in(TRANSFER_INITIATED)
                    .on(Event.TRANSFER_CONFIRMED, COMPLETE)
                    .retriesOn(Event.TRANSFER_FAILED, SagaCommand.SEND_WITHDRAWAL_TRANSFER)
                    .on(Event.TRANSFER_GAVE_UP, FAILED)
                    .on(Event.TRANSFER_REFUSED, FAILED)
                    .compensatedBy(Compensation.PARK)
                    .compensationIssues(Compensation.REFUND_BROKER, SagaCommand.REFUND_BROKER_WITHDRAWAL)
                    .build();

    private WithdrawalSaga() {}

    public sealed interface Step permits Move, Stay {}

    public record Move(WithdrawalStatus from, WithdrawalStatus to, String failureReason) implements Step {

        public Move {
            if (!from.canMoveTo(to)) {
                throw new IllegalStateException(
                        "A withdrawal cannot move from " + from.column() + " to " + to.column());
            }
        }

        /** What undoes this move, when it fails the withdrawal. */
        public Optional<Compensation> compensation() {
            return to == FAILED ? Optional.of(DEFINITION.compensation(from)) : Optional.empty();
        }
    }

    public record Stay(String why) implements Step {}

    public static Step brokerAccepted(Withdrawal current) {
        return move(
                current,
                Event.BROKER_ACCEPTED,
                null,
                "already " + current.status().column());
    }

    public static Step brokerRefused(Withdrawal current, String reason) {
        return move(
                current,
                Event.BROKER_REFUSED,
                "broker withdrawal refused: " + reason,
                "already " + current.status().column() + ", the refusal changes nothing");
    }

    /** The broker's report on the withdrawal's payout from the brokerage account; repeats and late reports change nothing. */
    public static Step brokerReported(Withdrawal current, BrokerReport report) {
        Event event = switch (report.outcome()) {
            case PENDING -> null;
            case COMPLETE -> Event.BROKER_PAID_OUT;
            case FAILED -> Event.BROKER_PAYOUT_FAILED;
        };
        if (event == null) {
            return new Stay("broker transfer " + report.transferId() + " still pending");
        }
        String reason = event == Event.BROKER_PAYOUT_FAILED
                ? "broker withdrawal " + report.transferId() + " failed"
                        + (report.reason() == null ? "" : ": " + report.reason())
                : null;
        return move(current, event, reason, "already " + current.status().column());
    }

    public static Step onRampAccepted(Withdrawal current) {
        return move(
                current,
                Event.ON_RAMP_ACCEPTED,
                null,
                "already " + current.status().column());
    }

    /** The ramp partner refused the on-ramp for good: failed, and the broker is to be credited back. */
    public static Step onRampRefused(Withdrawal current, String reason) {
        return move(
                current,
                Event.ON_RAMP_REFUSED,
                "on-ramp refused: " + reason,
                "already " + current.status().column() + ", the refusal changes nothing");
    }

    /** The ramp partner's report on the on-ramp transfer; repeats and late reports change nothing. */
    public static Step onRampReported(Withdrawal current, PayoutReport report) {
        Event event = switch (report.outcome()) {
            case PENDING -> null;
            case COMPLETE -> Event.ON_RAMP_DELIVERED;
            case FAILED -> Event.ON_RAMP_FAILED;
        };
        if (event == null) {
            return new Stay("on-ramp transfer " + report.payoutId() + " still pending");
        }
        String reason = event == Event.ON_RAMP_FAILED
                ? "on-ramp transfer " + report.payoutId() + " failed"
                        + (report.errorCode() == null ? "" : ": " + report.errorCode())
                : null;
        return move(current, event, reason, "already " + current.status().column());
    }

    /** The custody wallet's transfer was accepted: the first attempt moves the withdrawal on; a later one only records it. */
    public static Step transferAccepted(WithdrawalLegs legs) {
        Withdrawal current = legs.withdrawal();
        Optional<WithdrawalStatus> target = DEFINITION.target(current.status(), Event.TRANSFER_ACCEPTED);
        if (target.isPresent()) {
            return new Move(current.status(), target.get(), null);
        }
        if (current.status() == TRANSFER_INITIATED && legs.chainTransactionId() == null) {
            return new Stay("attempt " + legs.transferAttempt() + " of the transfer");
        }
        return new Stay("already " + current.status().column()
                + (legs.chainTransactionId() == null ? "" : " with transaction " + legs.chainTransactionId()));
    }

    /** Where an on-chain transfer from the custody wallet stands: not final yet, final on chain, or never. */
    public enum ChainOutcome {
        PENDING,
        COMPLETE,
        FAILED
    }

    /** The decision on a report about the withdrawal's on-chain transfer. */
    public sealed interface TransferDecision permits TransferStays, TransferCompletes, TransferAgain, TransferParks {}

    public record TransferStays(String why) implements TransferDecision {}

    public record TransferCompletes(Move move, String txHash) implements TransferDecision {}

    /** Send again under attempt {@code nextAttempt}'s key; the withdrawal stays TRANSFER_INITIATED. */
    public record TransferAgain(int nextAttempt, String reason) implements TransferDecision {}

    public record TransferParks(Move move) implements TransferDecision {}

    /**
     * The partner's report on transaction {@code transactionId} of the withdrawal. Only a report on the
     * current attempt's transaction counts (an earlier attempt's late report changes nothing). A failure
     * before {@code maxAttempts} sends again; at the last attempt, the withdrawal is parked.
     */
    public static TransferDecision transferReported(
            WithdrawalLegs legs,
            String transactionId,
            ChainOutcome state,
            String txHash,
            String errorReason,
            int maxAttempts) {
        Withdrawal current = legs.withdrawal();
        Optional<WithdrawalStatus> confirmed = DEFINITION.target(current.status(), Event.TRANSFER_CONFIRMED);
        if (confirmed.isEmpty()) {
            return new TransferStays("already " + current.status().column());
        }
        if (!transactionId.equals(legs.chainTransactionId())) {
            return new TransferStays("transaction " + transactionId + " is not the current attempt's ("
                    + legs.chainTransactionId() + ")");
        }
        return switch (state) {
            case PENDING -> new TransferStays("transaction " + transactionId + " still pending");
            case COMPLETE ->
                txHash == null || txHash.isBlank()
                        ? new TransferStays("transaction " + transactionId + " complete without a hash")
                        : new TransferCompletes(new Move(current.status(), confirmed.get(), null), txHash);
            case FAILED ->
                failedAttempt(
                        legs,
                        "transaction " + transactionId + " failed" + (errorReason == null ? "" : ": " + errorReason),
                        maxAttempts);
        };
    }

    /** The custody wallet's partner refused to send for good: no later attempt can do better, so park now. */
    public static TransferDecision transferRefused(WithdrawalLegs legs, String reason) {
        Withdrawal current = legs.withdrawal();
        return DEFINITION
                .target(current.status(), Event.TRANSFER_REFUSED)
                .<TransferDecision>map(to -> new TransferParks(new Move(
                        current.status(),
                        to,
                        "on-chain transfer refused: " + reason + "; the USDC is held for review")))
                .orElseGet(() -> new TransferStays("already " + current.status().column()));
    }

    private static TransferDecision failedAttempt(WithdrawalLegs legs, String reason, int maxAttempts) {
        WithdrawalStatus status = legs.withdrawal().status();
        if (legs.transferAttempt() < maxAttempts
                && DEFINITION.retry(status, Event.TRANSFER_FAILED).isPresent()) {
            return new TransferAgain(legs.transferAttempt() + 1, reason);
        }
        return new TransferParks(new Move(
                status,
                DEFINITION.target(status, Event.TRANSFER_GAVE_UP).orElseThrow(),
                "on-chain transfer failed " + legs.transferAttempt() + " times (last: " + reason
                        + "); the USDC is held for review"));
    }

    /** {@code event} moves the withdrawal as the definition says, with {@code failureReason}; else it stays, {@code why}. */
    private static Step move(Withdrawal current, Event event, String failureReason, String why) {
        return DEFINITION
                .target(current.status(), event)
                .<Step>map(to -> new Move(current.status(), to, to == FAILED ? failureReason : null))
                .orElseGet(() -> new Stay(why));
    }
}
