package com.stack.funding.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The withdrawal state machine and its broker step, without Spring: given this report, expect this step. */
class WithdrawalSagaTest {

    static Withdrawal at(WithdrawalStatus status) {
        return new Withdrawal(UUID.randomUUID(), UUID.randomUUID(), new BigDecimal("12.50"), Chain.ETHEREUM, "0xabc", status,
                null, null, 3, Instant.now(), Instant.now());
    }

    static BrokerReport report(BrokerReport.Outcome outcome) {
        return new BrokerReport("DWRED-1", outcome, null, outcome == BrokerReport.Outcome.FAILED ? "REJECTED" : null);
    }

    @Test
    void theSeedsStepsInOrderAndFailureFromAnyUnfinishedOne() {
        WithdrawalStatus[] order = WithdrawalStatus.values();
        for (int i = 0; i < order.length - 2; i++) {
            assertThat(order[i].canMoveTo(order[i + 1])).as(order[i] + " -> " + order[i + 1]).isTrue();
            assertThat(order[i].canMoveTo(WithdrawalStatus.FAILED)).isTrue();
            assertThat(order[i + 1].canMoveTo(order[i])).isFalse();
        }
        assertThat(WithdrawalStatus.COMPLETE.isFinal()).isTrue();
        assertThat(WithdrawalStatus.FAILED.isFinal()).isTrue();
        assertThatThrownBy(() -> new WithdrawalSaga.Move(WithdrawalStatus.COMPLETE, WithdrawalStatus.FAILED, "late"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void thePayoutFromTheBrokerCompletesTheBrokerStep() {
        assertThat(WithdrawalSaga.brokerReported(at(WithdrawalStatus.BROKER_WITHDRAWAL_INITIATED),
                report(BrokerReport.Outcome.COMPLETE))).isEqualTo(new WithdrawalSaga.Move(
                WithdrawalStatus.BROKER_WITHDRAWAL_INITIATED, WithdrawalStatus.BROKER_WITHDRAWAL_COMPLETE, null));
    }

    @Test
    void aFailedPayoutFailsTheWithdrawalWithTheBrokersReason() {
        assertThat(WithdrawalSaga.brokerReported(at(WithdrawalStatus.BROKER_WITHDRAWAL_INITIATED),
                report(BrokerReport.Outcome.FAILED))).isInstanceOfSatisfying(WithdrawalSaga.Move.class,
                move -> assertThat(move.failureReason()).isEqualTo("broker withdrawal DWRED-1 failed: REJECTED"));
    }

    @ParameterizedTest
    @EnumSource(value = WithdrawalStatus.class, names = {"PENDING", "BROKER_WITHDRAWAL_COMPLETE", "COMPLETE", "FAILED"})
    void aBrokerReportOutsideTheBrokerStepChangesNothing(WithdrawalStatus status) {
        assertThat(WithdrawalSaga.brokerReported(at(status), report(BrokerReport.Outcome.COMPLETE)))
                .isInstanceOf(WithdrawalSaga.Stay.class);
        assertThat(WithdrawalSaga.brokerReported(at(status), report(BrokerReport.Outcome.FAILED)))
                .isInstanceOf(WithdrawalSaga.Stay.class);
    }

    @Test
    void onlyAHeldWithdrawalIsSentToTheBrokerOrRefusedByIt() {
        assertThat(WithdrawalSaga.brokerAccepted(at(WithdrawalStatus.PENDING))).isInstanceOf(WithdrawalSaga.Move.class);
        assertThat(WithdrawalSaga.brokerAccepted(at(WithdrawalStatus.BROKER_WITHDRAWAL_INITIATED)))
                .isInstanceOf(WithdrawalSaga.Stay.class);
        assertThat(WithdrawalSaga.brokerRefused(at(WithdrawalStatus.PENDING), "no cash"))
                .isInstanceOfSatisfying(WithdrawalSaga.Move.class, move -> assertThat(move.to()).isEqualTo(WithdrawalStatus.FAILED));
    }

    @Test
    void releasingAndLeavingTheBrokerBalance() {
        Withdrawal withdrawal = at(WithdrawalStatus.FAILED);
        assertThat(LedgerPosting.withdrawalReleased(withdrawal).entries()).hasSize(2);
        assertThat(LedgerPosting.withdrawalLeftBroker(withdrawal, "drivewealth").entries())
                .extracting(entry -> entry.account().partner()).containsExactly("drivewealth", "withdrawal_in_transit");
    }
}
