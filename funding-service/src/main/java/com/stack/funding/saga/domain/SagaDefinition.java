package com.stack.funding.saga.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.stack.funding.deposit.domain.DepositSaga;
import com.stack.funding.withdrawal.domain.WithdrawalSaga;

/**
 * One saga, declared in one place: its states (the saga row's status), the command each state issues when the saga
 * enters it, the events that move it on and where to, and, for each state a failure may leave, the compensation that
 * undoes what had moved by then. The sagas' decisions ({@link DepositSaga}, {@link WithdrawalSaga}) look their
 * targets up here, the statuses' allowed steps are the transitions declared here, the transitions record the command
 * and the compensation it names, the command runner runs the commands the definitions issue, and the reconcilers
 * re-arm a stuck saga's command from it. Reading a definition top to bottom reads the saga.
 *
 * @param <S> the saga's states
 * @param <E> the events (partner reports, command outcomes) that move it
 * @param <C> its compensations
 */
public final class SagaDefinition<S extends Enum<S>, E extends Enum<E>, C extends Enum<C>> {

    /** A step of the saga: {@code event} moves it from {@code from} to {@code to}. */
    public record Transition<S, E>(S from, E event, S to) {}

    /** {@code event} makes the saga issue {@code command} again while staying in {@code state} (a retry). */
    public record Retry<S, E>(S state, E event, SagaCommand command) {}

    private final String name;
    private final S failed;
    private final Map<S, E> beginnings;
    /** Looked up on every report, so derived once: the state each opening event opens a saga in. */
    private final Map<E, S> opensIn = new HashMap<>();
    /** The state each event leads to (the first declared; a second one is refused by {@link #validate}). */
    private final Map<E, S> leadsTo = new HashMap<>();

    private final Map<S, SagaCommand> commands;
    private final Map<S, Map<E, S>> targets;
    private final List<Transition<S, E>> transitions;
    private final List<Retry<S, E>> retries;
    private final Map<S, C> compensations;
    private final Map<C, SagaCommand> compensationCommands;

    private SagaDefinition(Builder<S, E, C> builder) {
        this.name = builder.name;
        this.failed = builder.failed;
        this.beginnings = Collections.unmodifiableMap(new HashMap<>(builder.beginnings));
        builder.beginnings.forEach((state, event) -> opensIn.putIfAbsent(event, state));
        opensIn.forEach(leadsTo::put);
        builder.transitions.forEach(t -> leadsTo.putIfAbsent(t.event(), t.to()));
        this.commands = Collections.unmodifiableMap(new HashMap<>(builder.commands));
        Map<S, Map<E, S>> byState = new HashMap<>();
        builder.transitions.forEach(t ->
                byState.computeIfAbsent(t.from(), s -> new LinkedHashMap<>()).put(t.event(), t.to()));
        this.targets = Collections.unmodifiableMap(byState);
        this.transitions = List.copyOf(builder.transitions);
        this.retries = List.copyOf(builder.retries);
        this.compensations = Collections.unmodifiableMap(new HashMap<>(builder.compensations));
        this.compensationCommands = Collections.unmodifiableMap(new HashMap<>(builder.compensationCommands));
        validate(builder.states);
    }

    /**
     * Starts the definition of saga {@code name} (the {@code saga_type} of its commands) over every constant of
     * {@code states}, failing into {@code failed}.
     */
    public static <S extends Enum<S>, E extends Enum<E>, C extends Enum<C>> Builder<S, E, C> saga(
            String name, Class<S> states, S failed) {
        return new Builder<>(name, states, failed);
    }

    /** The saga's name, the {@code saga_type} its commands carry. */
    public String name() {
        return name;
    }

    /** The state a failure leaves the saga in. */
    public S failedState() {
        return failed;
    }

    /** The state {@code event} opens a new saga in, if it opens one. */
    public Optional<S> begins(E event) {
        return Optional.ofNullable(opensIn.get(event));
    }

    /**
     * The state {@code event} leads to, wherever it comes: the state it opens a saga in, or the target of the
     * transitions it makes (one state per event, checked when the definition is built); empty for a retry.
     */
    public Optional<S> leadsTo(E event) {
        return Optional.ofNullable(leadsTo.get(event));
    }

    /** Whether a saga may begin in {@code state}. */
    public boolean canBeginIn(S state) {
        return beginnings.containsKey(state);
    }

    /** Where {@code event} moves a saga in {@code from}; empty when it does not move it. */
    public Optional<S> target(S from, E event) {
        return Optional.ofNullable(targets.getOrDefault(from, Map.of()).get(event));
    }

    /** The states a saga in {@code from} may move to (none from a final state). */
    public Set<S> next(S from) {
        return Collections.unmodifiableSet(
                new LinkedHashSet<>(targets.getOrDefault(from, Map.of()).values()));
    }

    /** Whether {@code state} is final: no event moves the saga on from it. */
    public boolean isFinal(S state) {
        return next(state).isEmpty();
    }

    /** The command the saga issues on entering {@code state}, if it issues one. */
    public Optional<SagaCommand> command(S state) {
        return Optional.ofNullable(commands.get(state));
    }

    /** The command {@code event} issues again while the saga stays in {@code state}, if it is a retry there. */
    public Optional<SagaCommand> retry(S state, E event) {
        return retries.stream()
                .filter(r -> r.state() == state && r.event() == event)
                .map(Retry::command)
                .findFirst();
    }

    /** The compensation that runs when the saga fails out of {@code from}. */
    public C compensation(S from) {
        C compensation = compensations.get(from);
        if (compensation == null) {
            throw new IllegalStateException("The " + name + " saga cannot fail from " + from);
        }
        return compensation;
    }

    /** The command compensation {@code compensation} issues, if it is carried out by one. */
    public Optional<SagaCommand> compensationCommand(C compensation) {
        return Optional.ofNullable(compensationCommands.get(compensation));
    }

    /** Every step of the saga, in the order declared. */
    public List<Transition<S, E>> transitions() {
        return transitions;
    }

    /** Every retry of the saga. */
    public List<Retry<S, E>> retries() {
        return retries;
    }

    /** Every command the saga issues: on entering a state, as a retry, or as a compensation. */
    public Set<SagaCommand> issuedCommands() {
        Set<SagaCommand> issued = new LinkedHashSet<>(commands.values());
        retries.forEach(r -> issued.add(r.command()));
        issued.addAll(compensationCommands.values());
        return Collections.unmodifiableSet(issued);
    }

    private void validate(Set<S> states) {
        List<String> problems = new ArrayList<>();
        if (beginnings.isEmpty()) {
            problems.add("no event begins the saga");
        }
        for (Transition<S, E> t : transitions) {
            if (t.from() == t.to()) {
                problems.add(t.from() + " moves to itself on " + t.event() + "; declare a retry");
            }
            if (t.to() == failed && !compensations.containsKey(t.from())) {
                problems.add("failing from " + t.from() + " on " + t.event() + " has no compensation");
            }
            if (t.from() == failed) {
                problems.add("the failed state moves on to " + t.to());
            }
        }
        for (Transition<S, E> t : transitions) {
            S leads = leadsTo(t.event()).orElseThrow();
            if (leads != t.to()) {
                problems.add(t.event() + " leads to both " + leads + " and " + t.to());
            }
        }
        for (S state : states) {
            boolean reached =
                    beginnings.containsKey(state) || transitions.stream().anyMatch(t -> t.to() == state);
            if (!reached) {
                problems.add(state + " is never reached");
            }
        }
        commands.forEach((state, command) -> {
            if (isFinal(state)) {
                problems.add("final state " + state + " issues " + command);
            }
        });
        for (SagaCommand command : issuedCommands()) {
            if (!command.sagaType().equals(name)) {
                problems.add(command + " belongs to the " + command.sagaType() + " saga");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The " + name + " saga's definition is inconsistent: " + problems);
        }
    }

    /** Declares a saga state by state. */
    public static final class Builder<S extends Enum<S>, E extends Enum<E>, C extends Enum<C>> {

        private final String name;
        private final S failed;
        private final Set<S> states;
        private final Map<S, E> beginnings = new HashMap<>();
        private final Map<S, SagaCommand> commands = new HashMap<>();
        private final List<Transition<S, E>> transitions = new ArrayList<>();
        private final List<Retry<S, E>> retries = new ArrayList<>();
        private final Map<S, C> compensations = new HashMap<>();
        private final Map<C, SagaCommand> compensationCommands = new HashMap<>();
        private S current;

        private Builder(String name, Class<S> states, S failed) {
            this.name = name;
            this.failed = failed;
            this.states = EnumSet.allOf(states);
        }

        /** {@code event} opens a new saga in {@code state}. */
        public Builder<S, E, C> beginsIn(S state, E event) {
            beginnings.put(state, event);
            return this;
        }

        /** The state the next declarations are about. */
        public Builder<S, E, C> in(S state) {
            this.current = state;
            return this;
        }

        /** Entering the current state issues {@code command}. */
        public Builder<S, E, C> issues(SagaCommand command) {
            commands.put(require(), command);
            return this;
        }

        /** {@code event} moves the saga from the current state to {@code to}. */
        public Builder<S, E, C> on(E event, S to) {
            transitions.add(new Transition<>(require(), event, to));
            return this;
        }

        /** {@code event} issues {@code command} again while the saga stays in the current state. */
        public Builder<S, E, C> retriesOn(E event, SagaCommand command) {
            retries.add(new Retry<>(require(), event, command));
            return this;
        }

        /** A failure out of the current state is undone by {@code compensation}. */
        public Builder<S, E, C> compensatedBy(C compensation) {
            compensations.put(require(), compensation);
            return this;
        }

        /** Compensation {@code compensation} is carried out by command {@code command}. */
        public Builder<S, E, C> compensationIssues(C compensation, SagaCommand command) {
            compensationCommands.put(compensation, command);
            return this;
        }

        public SagaDefinition<S, E, C> build() {
            return new SagaDefinition<>(this);
        }

        private S require() {
            if (current == null) {
                throw new IllegalStateException("Name the state first: in(state)");
            }
            return current;
        }
    }
}
