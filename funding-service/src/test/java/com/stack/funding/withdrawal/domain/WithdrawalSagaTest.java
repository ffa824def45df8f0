package com.stack.funding.withdrawal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.stack.funding.broker.domain.BrokerReport;
import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.saga.domain.SagaCommand;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.shared.domain.PayoutReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The withdrawal state machine and its broker step, without Spring: given this report, expect this step. */
class WithdrawalSagaTest {

    static Withdrawal at(WithdrawalStatus status) {
        return new Withdrawal(
                UUID.randomUUID(),
                UUID.randomUUID(),
                new BigDecimal("12.50"),
                Chain.ETHEREUM,
                "0xabc",
                status,
                null,
                null,
                3,
                Instant.now(),
                Instant.now());
    }

    static BrokerReport report(BrokerReport.Outcome outcome) {
        return new BrokerReport("DWRED-1", outcome, null, outcome == BrokerReport.Outcome.FAILED ? "REJECTED" : null);
    }

    @Test
    void theSeedsStepsInOrderAndFailureFromAnyUnfinishedOne() {
        WithdrawalStatus[] order = WithdrawalStatus.values();
        for (int i = 0; i < order.length - 2; i++) {
            assertThat(order[i].canMoveTo(order[i + 1]))
                    .as(order[i] + " -> " + order[i + 1])
                    .isTrue();
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
        assertThat(WithdrawalSaga.brokerReported(
                        at(WithdrawalStatus.BROKER_WITHDRAWAL_INITIATED), report(BrokerReport.Outcome.COMPLETE)))
                .isEqualTo(new WithdrawalSaga.Move(
                        WithdrawalStatus.BROKER_WITHDRAWAL_INITIATED,
                        WithdrawalStatus.BROKER_WITHDRAWAL_COMPLETE,
                        null));
    }

    @Test
    void aFailedPayoutFailsTheWithdrawalWithTheBrokersReason() {
        assertThat(WithdrawalSaga.brokerReported(
                        at(WithdrawalStatus.BROKER_WITHDRAWAL_INITIATED), report(BrokerReport.Outcome.FAILED)))
                .isInstanceOfSatisfying(
                        WithdrawalSaga.Move.class,
                        move -> assertThat(move.failureReason())
                                .isEqualTo("broker withdrawal DWRED-1 failed: REJECTED"));
    }

    @ParameterizedTest
    @EnumSource(
            value = WithdrawalStatus.class,
            names = {"PENDING", "BROKER_WITHDRAWAL_COMPLETE", "COMPLETE", "FAILED"})
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
                .isInstanceOfSatisfying(
                        WithdrawalSaga.Move.class, move -> assertThat(move.to()).isEqualTo(WithdrawalStatus.FAILED));
    }

    @Test
    void releasingAndLeavingTheBrokerBalance() {
        Withdrawal withdrawal = at(WithdrawalStatus.FAILED);
        assertThat(LedgerPosting.withdrawalReleased(withdrawal).entries()).hasSize(2);
        assertThat(LedgerPosting.withdrawalLeftBroker(withdrawal, "drivewealth").entries())
                .extracting(entry -> entry.account().partner())
                .containsExactly("drivewealth", "withdrawal_in_transit");
    }

    // --- the on-ramp ---

    static PayoutReport onRamp(PayoutReport.Outcome outcome) {
        return new PayoutReport(
                "tr-1", outcome, null, outcome == PayoutReport.Outcome.FAILED ? "insufficient_funds" : null);
    }

    @Test
    void theOnRampIsAskedForOnlyOnceTheBrokerPaidOut() {
        assertThat(WithdrawalSaga.onRampAccepted(at(WithdrawalStatus.BROKER_WITHDRAWAL_COMPLETE)))
                .isEqualTo(new WithdrawalSaga.Move(
                        WithdrawalStatus.BROKER_WITHDRAWAL_COMPLETE, WithdrawalStatus.ON_RAMP_INITIATED, null));
        assertThat(WithdrawalSaga.onRampAccepted(at(WithdrawalStatus.ON_RAMP_INITIATED)))
                .isInstanceOf(WithdrawalSaga.Stay.class);
        assertThat(WithdrawalSaga.onRampRefused(at(WithdrawalStatus.BROKER_WITHDRAWAL_COMPLETE), "no such address"))
                .isInstanceOfSatisfying(WithdrawalSaga.Move.class, move -> {
                    assertThat(move.to()).isEqualTo(WithdrawalStatus.FAILED);
                    assertThat(move.failureReason()).isEqualTo("on-ramp refused: no such address");
                });
        assertThat(WithdrawalSaga.onRampRefused(at(WithdrawalStatus.FAILED), "late"))
                .isInstanceOf(WithdrawalSaga.Stay.class);
    }

    @Test
    void theOnRampsReportCompletesOrFailsItOnceAndRepeatsChangeNothing() {
        assertThat(WithdrawalSaga.onRampReported(
                        at(WithdrawalStatus.ON_RAMP_INITIATED), onRamp(PayoutReport.Outcome.COMPLETE)))
                .isEqualTo(new WithdrawalSaga.Move(
                        WithdrawalStatus.ON_RAMP_INITIATED, WithdrawalStatus.ON_RAMP_COMPLETE, null));
        assertThat(WithdrawalSaga.onRampReported(
                        at(WithdrawalStatus.ON_RAMP_INITIATED), onRamp(PayoutReport.Outcome.FAILED)))
                .isInstanceOfSatisfying(
                        WithdrawalSaga.Move.class,
                        move -> assertThat(move.failureReason())
                                .isEqualTo("on-ramp transfer tr-1 failed: insufficient_funds"));
        assertThat(WithdrawalSaga.onRampReported(
                        at(WithdrawalStatus.ON_RAMP_INITIATED), onRamp(PayoutReport.Outcome.PENDING)))
                .isInstanceOf(WithdrawalSaga.Stay.class);
        for (WithdrawalStatus later : new WithdrawalStatus[] {
            WithdrawalStatus.ON_RAMP_COMPLETE,
            WithdrawalStatus.TRANSFER_INITIATED,
            WithdrawalStatus.COMPLETE,
            WithdrawalStatus.FAILED
        }) {
            assertThat(WithdrawalSaga.onRampReported(at(later), onRamp(PayoutReport.Outcome.FAILED)))
                    .as(later.name())
                    .isInstanceOf(WithdrawalSaga.Stay.class);
        }
    }

    // --- the on-chain transfer ---

    static WithdrawalLegs legs(WithdrawalStatus status, String transaction, int attempt) {
        return new WithdrawalLegs(at(status), "DWRED-1", "tr-1", transaction, attempt, null, false, null);
    }

    @Test
    void theFirstAcceptedTransferMovesTheWithdrawalALaterAttemptOnlyRecordsItsTransaction() {
        assertThat(WithdrawalSaga.transferAccepted(legs(WithdrawalStatus.ON_RAMP_COMPLETE, null, 1)))
                .isEqualTo(new WithdrawalSaga.Move(
                        WithdrawalStatus.ON_RAMP_COMPLETE, WithdrawalStatus.TRANSFER_INITIATED, null));
        assertThat(WithdrawalSaga.transferAccepted(legs(WithdrawalStatus.TRANSFER_INITIATED, null, 2)))
                .isEqualTo(new WithdrawalSaga.Stay("attempt 2 of the transfer"));
        assertThat(WithdrawalSaga.transferAccepted(legs(WithdrawalStatus.TRANSFER_INITIATED, "tx-1", 1)))
                .isInstanceOf(WithdrawalSaga.Stay.class);
    }

    @Test
    void aCompleteTransactionWithItsHashCompletesTheWithdrawal() {
        assertThat(WithdrawalSaga.transferReported(
                        legs(WithdrawalStatus.TRANSFER_INITIATED, "tx-1", 1),
                        "tx-1",
                        WithdrawalSaga.ChainOutcome.COMPLETE,
                        "0xhash",
                        null,
                        3))
                .isEqualTo(new WithdrawalSaga.TransferCompletes(
                        new WithdrawalSaga.Move(WithdrawalStatus.TRANSFER_INITIATED, WithdrawalStatus.COMPLETE, null),
                        "0xhash"));
        assertThat(WithdrawalSaga.transferReported(
                        legs(WithdrawalStatus.TRANSFER_INITIATED, "tx-1", 1),
                        "tx-1",
                        WithdrawalSaga.ChainOutcome.COMPLETE,
                        null,
                        null,
                        3))
                .isInstanceOf(WithdrawalSaga.TransferStays.class);
    }

    @Test
    void aFailedTransactionIsSentAgainUntilTheLastAttemptThenTheWithdrawalIsParked() {
        assertThat(WithdrawalSaga.transferReported(
                        legs(WithdrawalStatus.TRANSFER_INITIATED, "tx-1", 1),
                        "tx-1",
                        WithdrawalSaga.ChainOutcome.FAILED,
                        null,
                        "FAILED_ON_CHAIN",
                        3))
                .isEqualTo(new WithdrawalSaga.TransferAgain(2, "transaction tx-1 failed: FAILED_ON_CHAIN"));
        assertThat(WithdrawalSaga.transferReported(
                        legs(WithdrawalStatus.TRANSFER_INITIATED, "tx-3", 3),
                        "tx-3",
                        WithdrawalSaga.ChainOutcome.FAILED,
                        null,
                        "FAILED_ON_CHAIN",
                        3))
                .isInstanceOfSatisfying(WithdrawalSaga.TransferParks.class, parks -> {
                    assertThat(parks.move().to()).isEqualTo(WithdrawalStatus.FAILED);
                    assertThat(parks.move().failureReason())
                            .contains("failed 3 times")
                            .contains("held for review");
                });
    }

    @Test
    void anEarlierAttemptsTransactionAndReportsAfterTheEndChangeNothing() {
        assertThat(WithdrawalSaga.transferReported(
                        legs(WithdrawalStatus.TRANSFER_INITIATED, "tx-2", 2),
                        "tx-1",
                        WithdrawalSaga.ChainOutcome.FAILED,
                        null,
                        "late",
                        3))
                .isInstanceOf(WithdrawalSaga.TransferStays.class);
        assertThat(WithdrawalSaga.transferReported(
                        legs(WithdrawalStatus.COMPLETE, "tx-1", 1),
                        "tx-1",
                        WithdrawalSaga.ChainOutcome.FAILED,
                        null,
                        "late",
                        3))
                .isInstanceOf(WithdrawalSaga.TransferStays.class);
        assertThat(WithdrawalSaga.transferReported(
                        legs(WithdrawalStatus.TRANSFER_INITIATED, "tx-1", 1),
                        "tx-1",
                        WithdrawalSaga.ChainOutcome.PENDING,
                        null,
                        null,
                        3))
                .isInstanceOf(WithdrawalSaga.TransferStays.class);
    }

    @Test
    void aRefusedTransferParksAtOnce() {
        assertThat(WithdrawalSaga.transferRefused(legs(WithdrawalStatus.ON_RAMP_COMPLETE, null, 1), "unknown wallet"))
                .isInstanceOfSatisfying(
                        WithdrawalSaga.TransferParks.class,
                        parks -> assertThat(parks.move())
                                .isEqualTo(new WithdrawalSaga.Move(
                                        WithdrawalStatus.ON_RAMP_COMPLETE,
                                        WithdrawalStatus.FAILED,
                                        "on-chain transfer refused: unknown wallet; the USDC is held for review")));
        assertThat(WithdrawalSaga.transferRefused(legs(WithdrawalStatus.COMPLETE, "tx-1", 1), "late"))
                .isInstanceOf(WithdrawalSaga.TransferStays.class);
    }

    @Test
    void eachTransferAttemptHasAKeyOfItsOwnTheFirstBeingTheCommandsKey() {
        UUID id = UUID.randomUUID();
        assertThat(SagaCommand.SEND_WITHDRAWAL_TRANSFER.idempotencyKey(id, 1))
                .isEqualTo(SagaCommand.SEND_WITHDRAWAL_TRANSFER.idempotencyKey(id));
        assertThat(SagaCommand.SEND_WITHDRAWAL_TRANSFER.idempotencyKey(id, 2))
                .isNotEqualTo(SagaCommand.SEND_WITHDRAWAL_TRANSFER.idempotencyKey(id, 1))
                .isEqualTo(SagaCommand.SEND_WITHDRAWAL_TRANSFER.idempotencyKey(id, 2));
        assertThatThrownBy(() -> SagaCommand.SEND_WITHDRAWAL_TRANSFER.idempotencyKey(id, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
