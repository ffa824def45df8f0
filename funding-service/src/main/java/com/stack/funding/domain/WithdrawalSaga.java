package com.stack.funding.domain;

/**
 * The withdrawal saga's decisions, on plain values; the saga's state is the withdrawal row (status and
 * version), and no decision moves it backwards. The steps, each with what undoes it once money moved:
 * <ol>
 *   <li>recorded: the amount is held (buying power -> pending withdrawal). Undo: the hold is released.</li>
 *   <li>broker withdrawal initiated: command INITIATE_BROKER_WITHDRAWAL asks the broker to pay the USD out of
 *       the user's account ({@link #brokerAccepted}); a refusal fails the withdrawal and releases the hold
 *       ({@link #brokerRefused}).</li>
 *   <li>broker withdrawal complete: the broker reports the USD paid out ({@link #brokerReported}); the next
 *       command, INITIATE_ON_RAMP, is recorded. A failure reported by the broker fails the withdrawal and
 *       releases the hold. Undo after this point: the broker account is credited back.</li>
 * </ol>
 * The on-ramp and the on-chain transfer are the next steps.
 */
public final class WithdrawalSaga {

    private WithdrawalSaga() {
    }

    public sealed interface Step permits Move, Stay {
    }

    public record Move(WithdrawalStatus from, WithdrawalStatus to, String failureReason) implements Step {

        public Move {
            if (!from.canMoveTo(to)) {
                throw new IllegalStateException("A withdrawal cannot move from " + from.column() + " to " + to.column());
            }
        }
    }

    public record Stay(String why) implements Step {
    }

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
        String reason = target == WithdrawalStatus.FAILED ? "broker withdrawal " + report.transferId() + " failed"
                + (report.reason() == null ? "" : ": " + report.reason()) : null;
        return new Move(current.status(), target, reason);
    }
}
