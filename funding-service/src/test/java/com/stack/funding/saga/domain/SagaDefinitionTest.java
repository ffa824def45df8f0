package com.stack.funding.saga.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A saga's definition is checked when it is built: an inconsistent one never reaches the runner. */
class SagaDefinitionTest {

    enum State {
        OPEN,
        DONE,
        FAILED
    }

    enum Event {
        OPENED,
        FINISHED,
        BROKE,
        STALLED
    }

    enum Undo {
        NOTHING,
        REFUND
    }

    private static SagaDefinition.Builder<State, Event, Undo> saga() {
        return SagaDefinition.<State, Event, Undo>saga(SagaCommand.DEPOSIT_SAGA, State.class, State.FAILED)
                .beginsIn(State.OPEN, Event.OPENED);
    }

    @Test
    void aConsistentDefinitionAnswersWhatItDeclares() {
        SagaDefinition<State, Event, Undo> saga = saga().in(State.OPEN)
                .issues(SagaCommand.INITIATE_OFF_RAMP)
                .on(Event.FINISHED, State.DONE)
                .on(Event.BROKE, State.FAILED)
                .retriesOn(Event.STALLED, SagaCommand.INITIATE_OFF_RAMP)
                .compensatedBy(Undo.REFUND)
                .compensationIssues(Undo.REFUND, SagaCommand.FUND_BROKER)
                .build();

        assertThat(saga.begins(Event.OPENED)).contains(State.OPEN);
        assertThat(saga.target(State.OPEN, Event.FINISHED)).contains(State.DONE);
        assertThat(saga.target(State.DONE, Event.FINISHED)).isEmpty();
        assertThat(saga.next(State.OPEN)).containsExactly(State.DONE, State.FAILED);
        assertThat(saga.isFinal(State.DONE)).isTrue();
        assertThat(saga.command(State.OPEN)).contains(SagaCommand.INITIATE_OFF_RAMP);
        assertThat(saga.retry(State.OPEN, Event.STALLED)).contains(SagaCommand.INITIATE_OFF_RAMP);
        assertThat(saga.compensation(State.OPEN)).isEqualTo(Undo.REFUND);
        assertThat(saga.compensationCommand(Undo.REFUND)).contains(SagaCommand.FUND_BROKER);
        assertThat(saga.issuedCommands()).containsExactly(SagaCommand.INITIATE_OFF_RAMP, SagaCommand.FUND_BROKER);
        assertThatThrownBy(() -> saga.compensation(State.DONE)).hasMessageContaining("cannot fail from DONE");
    }

    @Test
    void aFailureWithoutACompensationIsRefused() {
        assertThatThrownBy(() -> saga().in(State.OPEN)
                        .on(Event.FINISHED, State.DONE)
                        .on(Event.BROKE, State.FAILED)
                        .build())
                .hasMessageContaining("failing from OPEN on BROKE has no compensation");
    }

    @Test
    void aStateNothingReachesIsRefused() {
        assertThatThrownBy(() ->
                        saga().in(State.OPEN).on(Event.FINISHED, State.DONE).build())
                .hasMessageContaining("FAILED is never reached");
    }

    @Test
    void anEventLeadingToTwoStatesIsRefused() {
        assertThatThrownBy(() -> saga().in(State.OPEN)
                        .on(Event.FINISHED, State.DONE)
                        .on(Event.BROKE, State.FAILED)
                        .compensatedBy(Undo.NOTHING)
                        .in(State.DONE)
                        .on(Event.FINISHED, State.FAILED)
                        .build())
                .hasMessageContaining("FINISHED leads to both DONE and FAILED");
    }

    @Test
    void aSelfLoopMustBeARetryAndAFinalStateIssuesNothing() {
        assertThatThrownBy(() -> saga().in(State.OPEN)
                        .on(Event.FINISHED, State.DONE)
                        .on(Event.BROKE, State.FAILED)
                        .on(Event.STALLED, State.OPEN)
                        .compensatedBy(Undo.NOTHING)
                        .in(State.DONE)
                        .issues(SagaCommand.FUND_BROKER)
                        .build())
                .hasMessageContaining("OPEN moves to itself on STALLED; declare a retry")
                .hasMessageContaining("final state DONE issues FUND_BROKER");
    }

    @Test
    void aCommandOfAnotherSagaIsRefused() {
        assertThatThrownBy(() -> saga().in(State.OPEN)
                        .issues(SagaCommand.SEND_WITHDRAWAL_TRANSFER)
                        .on(Event.FINISHED, State.DONE)
                        .on(Event.BROKE, State.FAILED)
                        .compensatedBy(Undo.NOTHING)
                        .build())
                .hasMessageContaining("SEND_WITHDRAWAL_TRANSFER belongs to the withdrawal saga");
    }
}
