package com.stack.funding.saga.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Given/expect tests of a saga, without Spring or a database, in the manner of Eventuate's saga unit tests: given
 * the saga in a state, when a partner report or a command's answer arrives (the event, and the saga's decision on
 * it), expect it to move to a state, issue a command, start a compensation, or stay. What the saga issues is read
 * from its {@link SagaDefinition}, as the running saga reads it.
 *
 * <p>The scenario remembers which of the definition's transitions, retries and beginnings a test drove;
 * {@link #assertEveryStepDriven()} fails while any is left untested.
 *
 * @param <T> the saga's value given to its decisions (a deposit, a withdrawal with its legs)
 */
public final class SagaScenario<T, S extends Enum<S>, E extends Enum<E>, C extends Enum<C>> {

    /** What a decision did, whatever the saga's own types for it. */
    public record Outcome<S>(S opened, S from, S to, boolean retried, String why) {

        public static <S> Outcome<S> opened(S state) {
            return new Outcome<>(state, null, null, false, null);
        }

        public static <S> Outcome<S> moved(S from, S to) {
            return new Outcome<>(null, from, to, false, null);
        }

        public static <S> Outcome<S> sentAgain() {
            return new Outcome<>(null, null, null, true, null);
        }

        public static <S> Outcome<S> stayed(String why) {
            return new Outcome<>(null, null, null, false, why);
        }
    }

    private final SagaDefinition<S, E, C> definition;
    private final Class<E> events;
    private final Function<S, T> sagaIn;
    private final Function<Object, Outcome<S>> outcomeOf;
    private final Set<Object> driven = new LinkedHashSet<>();

    /**
     * @param sagaIn    a saga in the given state (null state: no saga yet)
     * @param outcomeOf reads the saga's decision type ({@code Step}, {@code TransferDecision}) as an outcome
     */
    public SagaScenario(
            SagaDefinition<S, E, C> definition,
            Class<E> events,
            Function<S, T> sagaIn,
            Function<Object, Outcome<S>> outcomeOf) {
        this.definition = definition;
        this.events = events;
        this.sagaIn = sagaIn;
        this.outcomeOf = outcomeOf;
    }

    /** The saga before it exists. */
    public Given none() {
        return new Given(null, null);
    }

    public Given given(S state) {
        return new Given(state, sagaIn.apply(state));
    }

    /** Fails unless every transition, retry and beginning of the definition was driven by some test. */
    public void assertEveryStepDriven() {
        List<Object> steps = new ArrayList<>(definition.transitions());
        steps.addAll(definition.retries());
        for (E event : events.getEnumConstants()) {
            definition.begins(event).ifPresent(state -> steps.add(new Begin<>(state, event)));
        }
        assertThat(driven)
                .as("steps of the %s saga driven by a given/expect test", definition.name())
                .containsAll(steps);
    }

    private record Begin<S, E>(S state, E event) {}

    public final class Given {

        private final S state;
        private final T saga;

        private Given(S state, T saga) {
            this.state = state;
            this.saga = saga;
        }

        /** {@code event} arrives and the saga decides on it with {@code decision}. */
        public Then when(E event, Function<T, ?> decision) {
            return new Then(state, event, outcomeOf.apply(decision.apply(saga)));
        }
    }

    public final class Then {

        private final S state;
        private final E event;
        private final Outcome<S> outcome;

        private Then(S state, E event, Outcome<S> outcome) {
            this.state = state;
            this.event = event;
            this.outcome = outcome;
        }

        /** The saga opens in {@code expected}, as the definition says {@code event} opens it. */
        public Then expectOpenedIn(S expected) {
            assertThat(outcome.opened()).as("opened on %s", event).isEqualTo(expected);
            assertThat(definition.begins(event))
                    .as("the definition opens on %s", event)
                    .contains(expected);
            driven.add(new Begin<>(expected, event));
            return this;
        }

        /** The saga moves to {@code expected}, the state the definition names for {@code event} in the given state. */
        public Then expectMoveTo(S expected) {
            assertThat(outcome.to()).as("%s in %s moves to", event, state).isEqualTo(expected);
            assertThat(outcome.from()).isEqualTo(state);
            assertThat(definition.target(state, event))
                    .as("the definition's target of %s in %s", event, state)
                    .contains(expected);
            driven.add(new SagaDefinition.Transition<>(state, event, expected));
            return this;
        }

        /** The saga stays in its state and issues nothing. */
        public Then expectStay() {
            assertThat(outcome.why()).as("%s in %s stays", event, state).isNotNull();
            return this;
        }

        /** The saga stays, saying why. */
        public Then expectStay(String why) {
            assertThat(outcome.why()).as("%s in %s stays", event, state).isEqualTo(why);
            return this;
        }

        /** The saga stays and issues {@code command} again, as the definition's retry on {@code event} says. */
        public Then expectRetry(SagaCommand command) {
            assertThat(outcome.retried()).as("%s in %s retries", event, state).isTrue();
            assertThat(definition.retry(state, event)).contains(command);
            driven.add(new SagaDefinition.Retry<>(state, event, command));
            return this;
        }

        /** Entering the new state issues {@code command}, or the failure's compensation is carried out by it. */
        public Then expectCommand(SagaCommand command) {
            assertThat(issued())
                    .as("command issued after %s in %s", event, state)
                    .contains(command);
            return this;
        }

        /** Nothing is issued: no command on entering the new state, no command carrying out a compensation. */
        public Then expectNoCommand() {
            assertThat(issued())
                    .as("command issued after %s in %s", event, state)
                    .isEmpty();
            return this;
        }

        /** The move fails the saga and {@code compensation} undoes what had moved. */
        public Then expectCompensation(C compensation) {
            assertThat(outcome.to()).as("%s in %s fails the saga", event, state).isEqualTo(definition.failedState());
            assertThat(definition.compensation(state)).isEqualTo(compensation);
            return this;
        }

        private Optional<SagaCommand> issued() {
            if (outcome.retried()) {
                return definition.retry(state, event);
            }
            S entered = outcome.to() != null ? outcome.to() : outcome.opened();
            if (entered == null) {
                return Optional.empty();
            }
            if (Objects.equals(entered, definition.failedState()) && state != null) {
                return definition.compensationCommand(definition.compensation(state));
            }
            return definition.command(entered);
        }
    }
}
