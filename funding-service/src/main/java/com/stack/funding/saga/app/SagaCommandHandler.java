package com.stack.funding.saga.app;

import com.stack.funding.saga.domain.SagaCommand;
import reactor.core.publisher.Mono;

/** Executes one kind of saga command for the {@link SagaCommandRunner}. */
public interface SagaCommandHandler {

    SagaCommand command();

    /**
     * Executes the command: calls the partner if needed, then makes the effect and marks the command done
     * in one transaction ({@link SagaCommands#finish}). An error means "try again later" (a transient
     * partner failure, a concurrent change); a refusal for good is an effect (a compensation), not an error.
     */
    Mono<Void> execute(SagaCommandStore.Command command);
}
