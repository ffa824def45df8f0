package com.stack.funding.withdrawal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.stack.funding.broker.domain.BrokerReport;
import com.stack.funding.shared.domain.Chain;
import org.junit.jupiter.api.Test;

/**
 * The refund of a withdrawal wired back by Due, without Spring: given this incoming wire at the broker, expect this
 * decision. A memo proves nothing on its own; only the withdrawal's own refund, into its user's account, for its amount,
 * completes it, once.
 */
class WireRefundTest {

    static final String ACCOUNT = "acct-of-the-user";

    static WithdrawalLegs refunding(String refundRef, boolean done) {
        Withdrawal failed = new Withdrawal(
                UUID.randomUUID(),
                UUID.randomUUID(),
                new BigDecimal("9.00"),
                Chain.ETHEREUM,
                "0xabc",
                WithdrawalStatus.FAILED,
                null,
                "on-ramp refused: compliance_hold",
                6,
                Instant.now(),
                Instant.now());
        return new WithdrawalLegs(
                failed, "wire-1", null, null, 1, WithdrawalLegs.Compensation.BROKER_REFUND, done, refundRef);
    }

    @Test
    void theMemoNamesTheWithdrawalAndNothingElseReadsAsOne() {
        UUID id = UUID.randomUUID();

        assertThat(WireRefund.memo(id)).isEqualTo("STACK refund of withdrawal " + id);
        assertThat(WireRefund.withdrawalOf(WireRefund.memo(id))).contains(id);
        assertThat(WireRefund.withdrawalOf(null)).isEmpty();
        assertThat(WireRefund.withdrawalOf("STACK withdrawal " + id)).isEmpty();
        assertThat(WireRefund.withdrawalOf("STACK refund of withdrawal not-a-uuid"))
                .isEmpty();
        assertThat(WireRefund.withdrawalOf("STACK refund of withdrawal 1-2-3-4-5"))
                .isEmpty();
        assertThat(WireRefund.withdrawalOf("payroll")).isEmpty();
    }

    @Test
    void theRefundsWireCompleteIntoTheUsersAccountForTheAmountCompletesIt() {
        WithdrawalLegs legs = refunding("tf_refund", false);

        assertThat(WireRefund.incomingWireReported(
                        legs, ACCOUNT, ACCOUNT, new BigDecimal("9"), BrokerReport.Outcome.COMPLETE))
                .isInstanceOf(WireRefund.Completes.class);
        assertThat(WireRefund.incomingWireReported(
                        legs, ACCOUNT, ACCOUNT, new BigDecimal("9.00"), BrokerReport.Outcome.PENDING))
                .isInstanceOf(WireRefund.Stays.class);
        assertThat(WireRefund.incomingWireReported(
                        legs, ACCOUNT, ACCOUNT, new BigDecimal("9.00"), BrokerReport.Outcome.FAILED))
                .isInstanceOf(WireRefund.Fails.class);
    }

    @Test
    void aRepeatAfterTheRefundChangesNothing() {
        assertThat(WireRefund.incomingWireReported(
                        refunding("tf_refund", true),
                        ACCOUNT,
                        ACCOUNT,
                        new BigDecimal("9.00"),
                        BrokerReport.Outcome.COMPLETE))
                .isInstanceOf(WireRefund.Stays.class);
    }

    @Test
    void aWireBeforeTheRefundIsRecordedIsAskedAboutAgainLater() {
        assertThat(WireRefund.incomingWireReported(
                        refunding(null, false),
                        ACCOUNT,
                        ACCOUNT,
                        new BigDecimal("9.00"),
                        BrokerReport.Outcome.COMPLETE))
                .isInstanceOf(WireRefund.NotYet.class);
    }

    @Test
    void aWireIntoAnotherAccountOrForAnotherAmountCountsForNothing() {
        WithdrawalLegs legs = refunding("tf_refund", false);

        assertThat(WireRefund.incomingWireReported(
                        legs, ACCOUNT, "someone-else", new BigDecimal("9.00"), BrokerReport.Outcome.COMPLETE))
                .isInstanceOf(WireRefund.Refused.class);
        assertThat(WireRefund.incomingWireReported(
                        legs, null, ACCOUNT, new BigDecimal("9.00"), BrokerReport.Outcome.COMPLETE))
                .isInstanceOf(WireRefund.Refused.class);
        assertThat(WireRefund.incomingWireReported(
                        legs, ACCOUNT, ACCOUNT, new BigDecimal("9.01"), BrokerReport.Outcome.COMPLETE))
                .isInstanceOf(WireRefund.Refused.class);
        assertThat(WireRefund.incomingWireReported(legs, ACCOUNT, ACCOUNT, null, BrokerReport.Outcome.COMPLETE))
                .isInstanceOf(WireRefund.Refused.class);
    }

    @Test
    void aWithdrawalWithNoRefundOpenIsNotRefundedByAWire() {
        WithdrawalLegs legs = refunding("tf_refund", false);
        WithdrawalLegs parked = new WithdrawalLegs(
                legs.withdrawal(), "wire-1", "tf_1", "tx-1", 3, WithdrawalLegs.Compensation.PARKED, true, null);
        Withdrawal sending = new Withdrawal(
                UUID.randomUUID(),
                UUID.randomUUID(),
                new BigDecimal("9.00"),
                Chain.ETHEREUM,
                "0xabc",
                WithdrawalStatus.TRANSFER_INITIATED,
                null,
                null,
                6,
                Instant.now(),
                Instant.now());
        WithdrawalLegs inFlight = new WithdrawalLegs(sending, "wire-1", "tf_1", "tx-1", 1, null, false, null);

        assertThat(WireRefund.incomingWireReported(
                        parked, ACCOUNT, ACCOUNT, new BigDecimal("9.00"), BrokerReport.Outcome.COMPLETE))
                .isInstanceOf(WireRefund.Refused.class);
        assertThat(WireRefund.incomingWireReported(
                        inFlight, ACCOUNT, ACCOUNT, new BigDecimal("9.00"), BrokerReport.Outcome.COMPLETE))
                .isInstanceOf(WireRefund.Refused.class);
    }
}
