package com.stack.funding.deposit.domain;

import static com.stack.funding.deposit.domain.DepositStatus.BROKER_FUNDED;
import static com.stack.funding.deposit.domain.DepositStatus.CONFIRMED_ON_CHAIN;
import static com.stack.funding.deposit.domain.DepositStatus.FAILED;
import static com.stack.funding.deposit.domain.DepositStatus.OFF_RAMP_COMPLETE;
import static com.stack.funding.deposit.domain.DepositStatus.OFF_RAMP_INITIATED;
import static com.stack.funding.deposit.domain.DepositStatus.PENDING_CONFIRMATION;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.stream.Stream;

import com.stack.funding.broker.domain.BrokerReport;
import com.stack.funding.deposit.domain.DepositSaga.Compensation;
import com.stack.funding.deposit.domain.DepositSaga.Event;
import com.stack.funding.saga.domain.SagaCommand;
import com.stack.funding.saga.domain.SagaScenario;
import com.stack.funding.saga.domain.SagaScenario.Outcome;
import com.stack.funding.shared.domain.PayoutReport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The deposit saga, step by step, given/expect: every transition of {@link DepositSaga#DEFINITION} driven through the
 * saga's decisions, with the command or compensation it leads to, and the reports that change nothing.
 */
class DepositSagaDefinitionTest {

    private static final PayoutReport PAYOUT_COMPLETE =
            new PayoutReport("po-1", PayoutReport.Outcome.COMPLETE, null, null);
    private static final PayoutReport PAYOUT_FAILED =
            new PayoutReport("po-1", PayoutReport.Outcome.FAILED, null, "insufficient_funds");
    private static final PayoutReport PAYOUT_PENDING =
            new PayoutReport("po-1", PayoutReport.Outcome.PENDING, null, null);
    private static final BrokerReport FUNDED = new BrokerReport("DWCT-1", BrokerReport.Outcome.COMPLETE, null, null);
    private static final BrokerReport FUNDING_FAILED =
            new BrokerReport("DWCT-1", BrokerReport.Outcome.FAILED, null, "REJECTED");

    static Outcome<DepositStatus> outcome(Object step) {
        if (step instanceof DepositSaga.Open open) {
            return Outcome.opened(open.status());
        }
        if (step instanceof DepositSaga.Move move) {
            return Outcome.moved(move.from(), move.to());
        }
        return Outcome.stayed(((DepositSaga.Stay) step).why());
    }

    @TestFactory
    Stream<DynamicTest> everyStepOfTheDepositSaga() {
        SagaScenario<Deposit, DepositStatus, Event, Compensation> saga = new SagaScenario<>(
                DepositSaga.DEFINITION, Event.class, DepositSagaTest::at, DepositSagaDefinitionTest::outcome);
        List<DynamicTest> steps = List.of(
                dynamicTest(
                        "a transfer seen on chain opens a pending deposit, which waits for the chain",
                        () -> saga.none()
                                .when(
                                        Event.CHAIN_PENDING,
                                        none -> DepositSaga.onChain(none, ChainConfirmation.PENDING, null))
                                .expectOpenedIn(PENDING_CONFIRMATION)
                                .expectNoCommand()),
                dynamicTest(
                        "a transfer first seen final opens a confirmed deposit and asks for the off-ramp",
                        () -> saga.none()
                                .when(
                                        Event.CHAIN_CONFIRMED,
                                        none -> DepositSaga.onChain(none, ChainConfirmation.CONFIRMED, null))
                                .expectOpenedIn(CONFIRMED_ON_CHAIN)
                                .expectCommand(SagaCommand.INITIATE_OFF_RAMP)),
                dynamicTest(
                        "a transfer that failed before any deposit opens none",
                        () -> saga.none()
                                .when(
                                        Event.CHAIN_FAILED,
                                        none -> DepositSaga.onChain(none, ChainConfirmation.FAILED, "reverted"))
                                .expectStay("the transfer failed before a deposit was opened for it")),
                dynamicTest(
                        "the chain's confirmation moves a pending deposit on and asks for the off-ramp",
                        () -> saga.given(PENDING_CONFIRMATION)
                                .when(
                                        Event.CHAIN_CONFIRMED,
                                        d -> DepositSaga.onChain(d, ChainConfirmation.CONFIRMED, null))
                                .expectMoveTo(CONFIRMED_ON_CHAIN)
                                .expectCommand(SagaCommand.INITIATE_OFF_RAMP)),
                dynamicTest(
                        "a pending deposit whose transfer failed fails with nothing to undo",
                        () -> saga.given(PENDING_CONFIRMATION)
                                .when(
                                        Event.CHAIN_FAILED,
                                        d -> DepositSaga.onChain(d, ChainConfirmation.FAILED, "reverted"))
                                .expectMoveTo(FAILED)
                                .expectCompensation(Compensation.NOTHING_TO_UNDO)
                                .expectNoCommand()),
                dynamicTest(
                        "a failure reported after the confirmation is left to reconciliation",
                        () -> saga.given(CONFIRMED_ON_CHAIN)
                                .when(
                                        Event.CHAIN_FAILED,
                                        d -> DepositSaga.onChain(d, ChainConfirmation.FAILED, "reorg"))
                                .expectStay("a failure reported after confirmed_on_chain is left to reconciliation")),
                dynamicTest(
                        "a repeated confirmation changes nothing",
                        () -> saga.given(OFF_RAMP_INITIATED)
                                .when(
                                        Event.CHAIN_CONFIRMED,
                                        d -> DepositSaga.onChain(d, ChainConfirmation.CONFIRMED, null))
                                .expectStay("already off_ramp_initiated, beyond confirmed_on_chain")),
                dynamicTest(
                        "the off-ramp accepted moves the deposit to initiated, issuing nothing",
                        () -> saga.given(CONFIRMED_ON_CHAIN)
                                .when(Event.OFF_RAMP_ACCEPTED, DepositSaga::offRampAccepted)
                                .expectMoveTo(OFF_RAMP_INITIATED)
                                .expectNoCommand()),
                dynamicTest(
                        "the off-ramp refused fails the deposit and reverses its journal",
                        () -> saga.given(CONFIRMED_ON_CHAIN)
                                .when(Event.OFF_RAMP_REFUSED, d -> DepositSaga.offRampRefused(d, "blocked"))
                                .expectMoveTo(FAILED)
                                .expectCompensation(Compensation.REVERSE_JOURNAL)
                                .expectNoCommand()),
                dynamicTest(
                        "an off-ramp acceptance after the deposit moved on changes nothing",
                        () -> saga.given(OFF_RAMP_INITIATED)
                                .when(Event.OFF_RAMP_ACCEPTED, DepositSaga::offRampAccepted)
                                .expectStay("already off_ramp_initiated, no off-ramp to initiate")),
                dynamicTest(
                        "the payout complete moves the deposit on and asks the broker to fund",
                        () -> saga.given(OFF_RAMP_INITIATED)
                                .when(Event.PAYOUT_COMPLETE, d -> DepositSaga.payoutReported(d, PAYOUT_COMPLETE))
                                .expectMoveTo(OFF_RAMP_COMPLETE)
                                .expectCommand(SagaCommand.FUND_BROKER)),
                dynamicTest(
                        "the payout failed fails the deposit and reverses its journal",
                        () -> saga.given(OFF_RAMP_INITIATED)
                                .when(Event.PAYOUT_FAILED, d -> DepositSaga.payoutReported(d, PAYOUT_FAILED))
                                .expectMoveTo(FAILED)
                                .expectCompensation(Compensation.REVERSE_JOURNAL)
                                .expectNoCommand()),
                dynamicTest(
                        "a pending payout changes nothing",
                        () -> saga.given(OFF_RAMP_INITIATED)
                                .when(Event.PAYOUT_COMPLETE, d -> DepositSaga.payoutReported(d, PAYOUT_PENDING))
                                .expectStay("payout po-1 still pending")),
                dynamicTest(
                        "a payout report for a deposit not waiting for one is refused",
                        () -> saga.given(CONFIRMED_ON_CHAIN)
                                .when(Event.PAYOUT_COMPLETE, d -> DepositSaga.payoutReported(d, PAYOUT_COMPLETE))
                                .expectStay("refused: a payout report for a deposit in confirmed_on_chain")),
                dynamicTest(
                        "the broker's funding complete makes the deposit buying power",
                        () -> saga.given(OFF_RAMP_COMPLETE)
                                .when(Event.FUNDING_COMPLETE, d -> DepositSaga.brokerReported(d, FUNDED))
                                .expectMoveTo(BROKER_FUNDED)
                                .expectNoCommand()),
                dynamicTest(
                        "the broker's funding failed holds the deposit for review",
                        () -> saga.given(OFF_RAMP_COMPLETE)
                                .when(Event.FUNDING_FAILED, d -> DepositSaga.brokerReported(d, FUNDING_FAILED))
                                .expectMoveTo(FAILED)
                                .expectCompensation(Compensation.HOLD_FOR_REVIEW)
                                .expectNoCommand()),
                dynamicTest(
                        "the broker refusing the funding holds the deposit for review",
                        () -> saga.given(OFF_RAMP_COMPLETE)
                                .when(Event.FUNDING_REFUSED, d -> DepositSaga.brokerRefused(d, "account closed"))
                                .expectMoveTo(FAILED)
                                .expectCompensation(Compensation.HOLD_FOR_REVIEW)
                                .expectNoCommand()),
                dynamicTest(
                        "a late broker report on a funded deposit changes nothing",
                        () -> saga.given(BROKER_FUNDED)
                                .when(Event.FUNDING_FAILED, d -> DepositSaga.brokerReported(d, FUNDING_FAILED))
                                .expectStay("already broker_funded")));
        return Stream.concat(
                steps.stream(),
                Stream.of(dynamicTest("every step of the definition is driven above", saga::assertEveryStepDriven)));
    }
}
