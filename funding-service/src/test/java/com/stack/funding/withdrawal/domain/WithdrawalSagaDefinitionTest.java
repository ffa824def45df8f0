package com.stack.funding.withdrawal.domain;

import static com.stack.funding.withdrawal.domain.WithdrawalStatus.BROKER_WITHDRAWAL_COMPLETE;
import static com.stack.funding.withdrawal.domain.WithdrawalStatus.BROKER_WITHDRAWAL_INITIATED;
import static com.stack.funding.withdrawal.domain.WithdrawalStatus.COMPLETE;
import static com.stack.funding.withdrawal.domain.WithdrawalStatus.FAILED;
import static com.stack.funding.withdrawal.domain.WithdrawalStatus.ON_RAMP_COMPLETE;
import static com.stack.funding.withdrawal.domain.WithdrawalStatus.ON_RAMP_INITIATED;
import static com.stack.funding.withdrawal.domain.WithdrawalStatus.PENDING;
import static com.stack.funding.withdrawal.domain.WithdrawalStatus.TRANSFER_INITIATED;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.stream.Stream;

import com.stack.funding.broker.domain.BrokerReport;
import com.stack.funding.saga.domain.SagaCommand;
import com.stack.funding.saga.domain.SagaScenario;
import com.stack.funding.saga.domain.SagaScenario.Outcome;
import com.stack.funding.shared.domain.PayoutReport;
import com.stack.funding.withdrawal.domain.WithdrawalSaga.ChainOutcome;
import com.stack.funding.withdrawal.domain.WithdrawalSaga.Compensation;
import com.stack.funding.withdrawal.domain.WithdrawalSaga.Event;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The withdrawal saga, step by step, given/expect: every transition and retry of {@link WithdrawalSaga#DEFINITION}
 * driven through the saga's decisions, with the command or compensation it leads to, and the reports that change
 * nothing.
 */
class WithdrawalSagaDefinitionTest {

    private static final int MAX_ATTEMPTS = 3;

    /** A withdrawal in {@code status}; from TRANSFER_INITIATED on, attempt 1's transaction is {@code tx-1}. */
    static WithdrawalLegs in(WithdrawalStatus status) {
        String transaction = status == TRANSFER_INITIATED || status == COMPLETE ? "tx-1" : null;
        return new WithdrawalLegs(WithdrawalSagaTest.at(status), "DWRED-1", "tr-1", transaction, 1, null, false, null);
    }

    static Outcome<WithdrawalStatus> outcome(Object decision) {
        if (decision instanceof WithdrawalStatus opened) {
            return Outcome.opened(opened);
        }
        if (decision instanceof WithdrawalSaga.Move move) {
            return Outcome.moved(move.from(), move.to());
        }
        if (decision instanceof WithdrawalSaga.Stay stay) {
            return Outcome.stayed(stay.why());
        }
        if (decision instanceof WithdrawalSaga.TransferCompletes completes) {
            return Outcome.moved(completes.move().from(), completes.move().to());
        }
        if (decision instanceof WithdrawalSaga.TransferParks parks) {
            return Outcome.moved(parks.move().from(), parks.move().to());
        }
        if (decision instanceof WithdrawalSaga.TransferAgain) {
            return Outcome.sentAgain();
        }
        return Outcome.stayed(((WithdrawalSaga.TransferStays) decision).why());
    }

    @TestFactory
    Stream<DynamicTest> everyStepOfTheWithdrawalSaga() {
        SagaScenario<WithdrawalLegs, WithdrawalStatus, Event, Compensation> saga = new SagaScenario<>(
                WithdrawalSaga.DEFINITION,
                Event.class,
                WithdrawalSagaDefinitionTest::in,
                WithdrawalSagaDefinitionTest::outcome);
        BrokerReport paidOut = new BrokerReport("DWRED-1", BrokerReport.Outcome.COMPLETE, null, null);
        BrokerReport payoutFailed = new BrokerReport("DWRED-1", BrokerReport.Outcome.FAILED, null, "REJECTED");
        PayoutReport delivered = new PayoutReport("tr-1", PayoutReport.Outcome.COMPLETE, null, null);
        PayoutReport onRampFailed = new PayoutReport("tr-1", PayoutReport.Outcome.FAILED, null, "insufficient_funds");
        List<DynamicTest> steps = List.of(
                // the request's own checks (limits, address, idempotency) are WithdrawalRulesTest's
                dynamicTest(
                        "a request opens a pending withdrawal and asks the broker to pay out",
                        () -> saga.none()
                                .when(
                                        Event.REQUESTED,
                                        none -> WithdrawalSaga.DEFINITION
                                                .begins(Event.REQUESTED)
                                                .orElseThrow())
                                .expectOpenedIn(PENDING)
                                .expectCommand(SagaCommand.INITIATE_BROKER_WITHDRAWAL)),
                dynamicTest(
                        "the broker accepting moves the withdrawal to initiated",
                        () -> saga.given(PENDING)
                                .when(Event.BROKER_ACCEPTED, legs -> WithdrawalSaga.brokerAccepted(legs.withdrawal()))
                                .expectMoveTo(BROKER_WITHDRAWAL_INITIATED)
                                .expectNoCommand()),
                dynamicTest(
                        "the broker refusing fails the withdrawal and releases the hold",
                        () -> saga.given(PENDING)
                                .when(
                                        Event.BROKER_REFUSED,
                                        legs -> WithdrawalSaga.brokerRefused(legs.withdrawal(), "no funds"))
                                .expectMoveTo(FAILED)
                                .expectCompensation(Compensation.RELEASE_HOLD)
                                .expectNoCommand()),
                dynamicTest(
                        "the broker paying out asks for the on-ramp",
                        () -> saga.given(BROKER_WITHDRAWAL_INITIATED)
                                .when(
                                        Event.BROKER_PAID_OUT,
                                        legs -> WithdrawalSaga.brokerReported(legs.withdrawal(), paidOut))
                                .expectMoveTo(BROKER_WITHDRAWAL_COMPLETE)
                                .expectCommand(SagaCommand.INITIATE_WITHDRAWAL_ON_RAMP)),
                dynamicTest(
                        "the broker's payout failing releases the hold",
                        () -> saga.given(BROKER_WITHDRAWAL_INITIATED)
                                .when(
                                        Event.BROKER_PAYOUT_FAILED,
                                        legs -> WithdrawalSaga.brokerReported(legs.withdrawal(), payoutFailed))
                                .expectMoveTo(FAILED)
                                .expectCompensation(Compensation.RELEASE_HOLD)
                                .expectNoCommand()),
                dynamicTest(
                        "a late broker report after the on-ramp began changes nothing",
                        () -> saga.given(ON_RAMP_INITIATED)
                                .when(
                                        Event.BROKER_PAYOUT_FAILED,
                                        legs -> WithdrawalSaga.brokerReported(legs.withdrawal(), payoutFailed))
                                .expectStay("already on_ramp_initiated")),
                dynamicTest(
                        "the on-ramp accepted moves the withdrawal on",
                        () -> saga.given(BROKER_WITHDRAWAL_COMPLETE)
                                .when(Event.ON_RAMP_ACCEPTED, legs -> WithdrawalSaga.onRampAccepted(legs.withdrawal()))
                                .expectMoveTo(ON_RAMP_INITIATED)
                                .expectNoCommand()),
                dynamicTest(
                        "the on-ramp refused sends the USD back to the broker",
                        () -> saga.given(BROKER_WITHDRAWAL_COMPLETE)
                                .when(
                                        Event.ON_RAMP_REFUSED,
                                        legs -> WithdrawalSaga.onRampRefused(legs.withdrawal(), "kyc"))
                                .expectMoveTo(FAILED)
                                .expectCompensation(Compensation.REFUND_BROKER)
                                .expectCommand(SagaCommand.REFUND_BROKER_WITHDRAWAL)),
                dynamicTest(
                        "the USDC delivered into custody asks for the on-chain transfer",
                        () -> saga.given(ON_RAMP_INITIATED)
                                .when(
                                        Event.ON_RAMP_DELIVERED,
                                        legs -> WithdrawalSaga.onRampReported(legs.withdrawal(), delivered))
                                .expectMoveTo(ON_RAMP_COMPLETE)
                                .expectCommand(SagaCommand.SEND_WITHDRAWAL_TRANSFER)),
                dynamicTest(
                        "the on-ramp failing sends the USD back to the broker",
                        () -> saga.given(ON_RAMP_INITIATED)
                                .when(
                                        Event.ON_RAMP_FAILED,
                                        legs -> WithdrawalSaga.onRampReported(legs.withdrawal(), onRampFailed))
                                .expectMoveTo(FAILED)
                                .expectCompensation(Compensation.REFUND_BROKER)
                                .expectCommand(SagaCommand.REFUND_BROKER_WITHDRAWAL)),
                dynamicTest(
                        "the transfer accepted moves the withdrawal to initiated",
                        () -> saga.given(ON_RAMP_COMPLETE)
                                .when(Event.TRANSFER_ACCEPTED, WithdrawalSaga::transferAccepted)
                                .expectMoveTo(TRANSFER_INITIATED)
                                .expectNoCommand()),
                dynamicTest(
                        "the transfer refused at once parks the USDC for review",
                        () -> saga.given(ON_RAMP_COMPLETE)
                                .when(
                                        Event.TRANSFER_REFUSED,
                                        legs -> WithdrawalSaga.transferRefused(legs, "address blocked"))
                                .expectMoveTo(FAILED)
                                .expectCompensation(Compensation.PARK)
                                .expectNoCommand()),
                dynamicTest(
                        "a retry's transfer refused parks the USDC for review",
                        () -> saga.given(TRANSFER_INITIATED)
                                .when(
                                        Event.TRANSFER_REFUSED,
                                        legs -> WithdrawalSaga.transferRefused(legs, "address blocked"))
                                .expectMoveTo(FAILED)
                                .expectCompensation(Compensation.PARK)
                                .expectNoCommand()),
                dynamicTest(
                        "the transaction final on chain completes the withdrawal",
                        () -> saga.given(TRANSFER_INITIATED)
                                .when(
                                        Event.TRANSFER_CONFIRMED,
                                        legs -> WithdrawalSaga.transferReported(
                                                legs, "tx-1", ChainOutcome.COMPLETE, "0xhash", null, MAX_ATTEMPTS))
                                .expectMoveTo(COMPLETE)
                                .expectNoCommand()),
                dynamicTest(
                        "a failed transaction with attempts left sends again",
                        () -> saga.given(TRANSFER_INITIATED)
                                .when(
                                        Event.TRANSFER_FAILED,
                                        legs -> WithdrawalSaga.transferReported(
                                                legs, "tx-1", ChainOutcome.FAILED, null, "dropped", MAX_ATTEMPTS))
                                .expectRetry(SagaCommand.SEND_WITHDRAWAL_TRANSFER)
                                .expectCommand(SagaCommand.SEND_WITHDRAWAL_TRANSFER)),
                dynamicTest(
                        "the last attempt's failed transaction parks the USDC for review",
                        () -> saga.given(TRANSFER_INITIATED)
                                .when(
                                        Event.TRANSFER_GAVE_UP,
                                        legs -> WithdrawalSaga.transferReported(
                                                legs, "tx-1", ChainOutcome.FAILED, null, "dropped", 1))
                                .expectMoveTo(FAILED)
                                .expectCompensation(Compensation.PARK)
                                .expectNoCommand()),
                dynamicTest(
                        "an earlier attempt's late report changes nothing",
                        () -> saga.given(TRANSFER_INITIATED)
                                .when(
                                        Event.TRANSFER_FAILED,
                                        legs -> WithdrawalSaga.transferReported(
                                                legs, "tx-0", ChainOutcome.FAILED, null, "dropped", MAX_ATTEMPTS))
                                .expectStay("transaction tx-0 is not the current attempt's (tx-1)")),
                dynamicTest(
                        "a report on a completed withdrawal changes nothing",
                        () -> saga.given(COMPLETE)
                                .when(
                                        Event.TRANSFER_CONFIRMED,
                                        legs -> WithdrawalSaga.transferReported(
                                                legs, "tx-1", ChainOutcome.COMPLETE, "0xhash", null, MAX_ATTEMPTS))
                                .expectStay("already complete")));
        return Stream.concat(
                steps.stream(),
                Stream.of(dynamicTest("every step of the definition is driven above", saga::assertEveryStepDriven)));
    }
}
