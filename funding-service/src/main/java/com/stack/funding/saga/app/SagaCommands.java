package com.stack.funding.saga.app;

import java.util.UUID;

import com.stack.defaults.transactions.AfterCommit;
import com.stack.funding.saga.app.SagaCommandStore.Command;
import com.stack.funding.saga.domain.SagaCommand;
import com.stack.funding.saga.domain.SagaDefinition;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The deposit saga's command outbox, as the saga's steps use it: a state change records the next command
 * in its own transaction (and the runner is woken once that commits); a command's effect commits together
 * with the command being marked done.
 */
@Service
public class SagaCommands {

    private final SagaCommandStore repository;
    private final TransactionalOperator transactions;
    private volatile Runnable wakeRunner = () -> {};

    public SagaCommands(SagaCommandStore repository, TransactionalOperator transactions) {
        this.repository = repository;
        this.transactions = transactions;
    }

    /** The runner to wake after a transaction that recorded a command commits. */
    void wakeOnCommit(Runnable wake) {
        this.wakeRunner = wake;
    }

    /**
     * Records the saga's next command inside the caller's transaction (once per saga and command)
     * with its idempotency key, and wakes the runner after the commit.
     */
    public Mono<Void> record(SagaCommand command, UUID sagaId) {
        return repository
                .record(
                        command.sagaType(),
                        sagaId,
                        command.name(),
                        command.idempotencyKey(sagaId).toString())
                .filter(recorded -> recorded)
                .flatMap(recorded -> AfterCommit.run(() -> wakeRunner.run()));
    }

    /**
     * Records, inside the caller's transaction, the command {@code saga}'s definition issues on entering
     * {@code state}, if it issues one.
     */
    public <S extends Enum<S>> Mono<Void> entered(SagaDefinition<S, ?, ?> saga, S state, UUID sagaId) {
        return saga.command(state).map(command -> record(command, sagaId)).orElseGet(Mono::empty);
    }

    /**
     * Records, inside the caller's transaction, the command that carries out {@code saga}'s compensation
     * {@code compensation}, if a command carries it out.
     */
    public <C extends Enum<C>> Mono<Void> compensate(SagaDefinition<?, ?, C> saga, C compensation, UUID sagaId) {
        return saga.compensationCommand(compensation)
                .map(command -> record(command, sagaId))
                .orElseGet(Mono::empty);
    }

    /**
     * Arms again, inside the caller's transaction, the command {@code saga}'s definition retries on {@code event}
     * in {@code state}, due after {@code delay}; fails if the definition declares no such retry.
     */
    public <S extends Enum<S>, E extends Enum<E>> Mono<Void> retry(
            SagaDefinition<S, E, ?> saga, S state, E event, UUID sagaId, java.time.Duration delay, String note) {
        return saga.retry(state, event)
                .map(command -> again(command, sagaId, delay, note))
                .orElseGet(() -> Mono.error(new IllegalStateException(
                        "The " + saga.name() + " saga does not retry on " + event + " in " + state)));
    }

    /**
     * Arms the saga's finished command again inside the caller's transaction, due after {@code delay} (the
     * runner picks it up then); fails if the command was never recorded or has not finished.
     */
    Mono<Void> again(SagaCommand command, UUID sagaId, java.time.Duration delay, String note) {
        return repository
                .again(sagaId, command.name(), delay, note)
                .flatMap(armed -> armed
                        ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException("Command " + command + " of " + command.sagaType() + " "
                                + sagaId + " is not finished, so it cannot run again")));
    }

    /**
     * Makes the command's effect and marks it done with the effect's note, in one transaction, if the
     * command is still unfinished under its lock (a runner whose lease lapsed finds it done and makes
     * nothing). Emits whether it ran.
     */
    public Mono<Boolean> finish(Command command, Mono<String> effect) {
        return transactions.transactional(repository
                .lockUnfinished(command.id())
                .filter(open -> open)
                .flatMap(open -> effect.flatMap(note -> repository.markDone(command.id(), note))
                        .thenReturn(true))
                .defaultIfEmpty(false));
    }
}
