package com.stack.funding.domain;

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
 */
public final class WithdrawalSaga {

    private WithdrawalSaga() {}

    public sealed interface Step permits Move, Stay {}

    public record Move(WithdrawalStatus from, WithdrawalStatus to, String failureReason) implements Step {

        public Move {
            if (!from.canMoveTo(to)) {
                throw new IllegalStateException(
                        "A withdrawal cannot move from " + from.column() + " to " + to.column());
            }
        }
    }

    public record Stay(String why) implements Step {}

    public static Step brokerAccepted(Withdrawal current) {
        if (current.status() != WithdrawalStatus.PENDING) {
            return new Stay("already " + current.status().column());
        }
        return new Move(WithdrawalStatus.PENDING, WithdrawalStatus.BROKER_WITHDRAWAL_INITIATED, null);
    }

    public static Step brokerRefused(Withdrawal current, String reason) {
        if (current.status() != WithdrawalStatus.PENDING) {
            return new Stay("already " + current.status().column() + ", the refusal changes nothing");
        }
        return new Move(WithdrawalStatus.PENDING, WithdrawalStatus.FAILED, "broker withdrawal refused: " + reason);
    }

    /** The broker's report on the withdrawal's payout from the brokerage account; repeats and late reports change nothing. */
    public static Step brokerReported(Withdrawal current, BrokerReport report) {
        WithdrawalStatus target = switch (report.outcome()) {
            case PENDING -> null;
            case COMPLETE -> WithdrawalStatus.BROKER_WITHDRAWAL_COMPLETE;
            case FAILED -> WithdrawalStatus.FAILED;
        };
        if (target == null) {
            return new Stay("broker transfer " + report.transferId() + " still pending");
        }
        if (current.status() != WithdrawalStatus.BROKER_WITHDRAWAL_INITIATED) {
            return new Stay("already " + current.status().column());
        }
        String reason = target == WithdrawalStatus.FAILED
                ? "broker withdrawal " + report.transferId() + " failed"
                        + (report.reason() == null ? "" : ": " + report.reason())
                : null;
        return new Move(current.status(), target, reason);
    }

    public static Step onRampAccepted(Withdrawal current) {
        if (current.status() != WithdrawalStatus.BROKER_WITHDRAWAL_COMPLETE) {
            return new Stay("already " + current.status().column());
        }
        return new Move(WithdrawalStatus.BROKER_WITHDRAWAL_COMPLETE, WithdrawalStatus.ON_RAMP_INITIATED, null);
    }

    /** The ramp partner refused the on-ramp for good: failed, and the broker is to be credited back. */
    public static Step onRampRefused(Withdrawal current, String reason) {
        if (current.status() != WithdrawalStatus.BROKER_WITHDRAWAL_COMPLETE) {
            return new Stay("already " + current.status().column() + ", the refusal changes nothing");
        }
        return new Move(
                WithdrawalStatus.BROKER_WITHDRAWAL_COMPLETE, WithdrawalStatus.FAILED, "on-ramp refused: " + reason);
    }

    /** The ramp partner's report on the on-ramp transfer; repeats and late reports change nothing. */
    public static Step onRampReported(Withdrawal current, PayoutReport report) {
        WithdrawalStatus target = switch (report.outcome()) {
            case PENDING -> null;
            case COMPLETE -> WithdrawalStatus.ON_RAMP_COMPLETE;
            case FAILED -> WithdrawalStatus.FAILED;
        };
        if (target == null) {
            return new Stay("on-ramp transfer " + report.payoutId() + " still pending");
        }
        if (current.status() != WithdrawalStatus.ON_RAMP_INITIATED) {
            return new Stay("already " + current.status().column());
        }
        String reason = target == WithdrawalStatus.FAILED
                ? "on-ramp transfer " + report.payoutId() + " failed"
                        + (report.errorCode() == null ? "" : ": " + report.errorCode())
                : null;
        return new Move(current.status(), target, reason);
    }

    /** The custody wallet's transfer was accepted: the first attempt moves the withdrawal on; a later one only records it. */
    public static Step transferAccepted(WithdrawalLegs legs) {
        Withdrawal current = legs.withdrawal();
        if (current.status() == WithdrawalStatus.ON_RAMP_COMPLETE) {
            return new Move(WithdrawalStatus.ON_RAMP_COMPLETE, WithdrawalStatus.TRANSFER_INITIATED, null);
        }
        if (current.status() == WithdrawalStatus.TRANSFER_INITIATED && legs.chainTransactionId() == null) {
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
        if (current.status() != WithdrawalStatus.TRANSFER_INITIATED) {
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
                        : new TransferCompletes(
                                new Move(WithdrawalStatus.TRANSFER_INITIATED, WithdrawalStatus.COMPLETE, null), txHash);
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
        if (current.status() != WithdrawalStatus.ON_RAMP_COMPLETE
                && current.status() != WithdrawalStatus.TRANSFER_INITIATED) {
            return new TransferStays("already " + current.status().column());
        }
        return new TransferParks(new Move(
                current.status(),
                WithdrawalStatus.FAILED,
                "on-chain transfer refused: " + reason + "; the USDC is held for review"));
    }

    private static TransferDecision failedAttempt(WithdrawalLegs legs, String reason, int maxAttempts) {
        if (legs.transferAttempt() < maxAttempts) {
            return new TransferAgain(legs.transferAttempt() + 1, reason);
        }
        return new TransferParks(new Move(
                WithdrawalStatus.TRANSFER_INITIATED,
                WithdrawalStatus.FAILED,
                "on-chain transfer failed " + legs.transferAttempt() + " times (last: " + reason
                        + "); the USDC is held for review"));
    }
}
