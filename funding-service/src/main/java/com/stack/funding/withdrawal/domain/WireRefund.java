package com.stack.funding.withdrawal.domain;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

import com.stack.funding.broker.domain.BrokerReport;

/**
 * The refund of a withdrawal on the wire path (the broker wired the USD into the user's Due virtual account, and
 * the on-ramp failed): Due wires the USD back into the user's brokerage account with a memo naming the withdrawal,
 * and the broker shows that memo on the incoming wire. These are the decisions on such an incoming wire, on plain
 * values. The memo alone proves nothing (anyone can write it on a wire): the wire must also come into the
 * withdrawal's user's account, for the withdrawal's amount, after the refund was asked for.
 */
public final class WireRefund {

    static final String MEMO_PREFIX = "STACK refund of withdrawal ";

    private WireRefund() {}

    /** The memo the refund's wire carries. */
    public static String memo(UUID withdrawalId) {
        return MEMO_PREFIX + withdrawalId;
    }

    /** The withdrawal a wire's memo names; empty when it names none (the wire is not a refund of ours). */
    public static Optional<UUID> withdrawalOf(String memo) {
        if (memo == null || !memo.startsWith(MEMO_PREFIX)) {
            return Optional.empty();
        }
        try {
            String id = memo.substring(MEMO_PREFIX.length()).trim();
            return id.length() == 36 ? Optional.of(UUID.fromString(id)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public sealed interface Decision permits Completes, Fails, Stays, NotYet, Refused {}

    /** The wire is the refund, arrived: the compensation is done and the hold released. */
    public record Completes() implements Decision {}

    /** The wire is the refund, and it failed: the compensation stays open. */
    public record Fails(String why) implements Decision {}

    /** Nothing to change (pending, or already refunded). */
    public record Stays(String why) implements Decision {}

    /** The refund is not recorded yet (the wire came before the transaction that records it): ask again later. */
    public record NotYet(String why) implements Decision {}

    /** The wire does not match the withdrawal: it counts for nothing, and someone must look. */
    public record Refused(String why) implements Decision {}

    /**
     * An incoming wire into {@code wireAccountId} for {@code amountUsd}, where it stands ({@code outcome}), whose memo
     * names the withdrawal of {@code legs}; {@code userAccountId} is the withdrawal's user's account at the broker.
     */
    public static Decision incomingWireReported(
            WithdrawalLegs legs,
            String userAccountId,
            String wireAccountId,
            BigDecimal amountUsd,
            BrokerReport.Outcome outcome) {
        Withdrawal withdrawal = legs.withdrawal();
        if (legs.compensation() != WithdrawalLegs.Compensation.BROKER_REFUND) {
            return new Refused("withdrawal " + withdrawal.id() + " has no refund to the broker ("
                    + (legs.compensation() == null
                            ? withdrawal.status().column()
                            : legs.compensation().column()) + ")");
        }
        if (legs.compensationDone()) {
            return new Stays("withdrawal " + withdrawal.id() + " already refunded");
        }
        if (userAccountId == null || !userAccountId.equals(wireAccountId)) {
            return new Refused("the wire came into account " + wireAccountId + ", not the withdrawal's user's ("
                    + userAccountId + ")");
        }
        if (amountUsd == null || amountUsd.compareTo(withdrawal.amountUsd()) != 0) {
            return new Refused("the wire is for " + (amountUsd == null ? "no amount" : amountUsd.toPlainString())
                    + " USD, withdrawal " + withdrawal.id() + " for "
                    + withdrawal.amountUsd().toPlainString());
        }
        if (legs.brokerRefundTransferId() == null) {
            return new NotYet("withdrawal " + withdrawal.id() + " has not recorded its refund yet");
        }
        return switch (outcome) {
            case PENDING -> new Stays("the refund's wire is still pending");
            case COMPLETE -> new Completes();
            case FAILED -> new Fails("the refund's wire failed");
        };
    }
}
