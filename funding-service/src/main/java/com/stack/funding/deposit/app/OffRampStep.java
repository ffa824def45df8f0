package com.stack.funding.deposit.app;

import java.util.UUID;

import com.stack.funding.deposit.domain.DepositSaga;
import com.stack.funding.deposit.domain.OffRampAmount;
import com.stack.funding.saga.app.SagaCommandHandler;
import com.stack.funding.saga.app.SagaCommandStore.Command;
import com.stack.funding.saga.app.SagaCommands;
import com.stack.funding.saga.domain.SagaCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Command INITIATE_OFF_RAMP: asks the ramp partner to pay out a confirmed deposit (the amount rounded
 * down to the cent, {@link OffRampAmount}) under the command's idempotency key, then, in one transaction,
 * moves the deposit to OFF_RAMP_INITIATED with the partner's payout id and marks the command done. A
 * crash between the call and the commit leaves the command to be run again: the same key makes the
 * partner answer with the payout it already made. A refusal for good fails the deposit and reverses its
 * journal; a transient failure is an error, so the runner tries again later.
 */
public class OffRampStep implements SagaCommandHandler {

    private static final Logger log = LoggerFactory.getLogger(OffRampStep.class);

    private final DepositStore deposits;
    private final OffRamp offRamp;
    private final SagaCommands commands;
    private final DepositTransitions transitions;

    public OffRampStep(DepositStore deposits, OffRamp offRamp, SagaCommands commands, DepositTransitions transitions) {
        this.deposits = deposits;
        this.offRamp = offRamp;
        this.commands = commands;
        this.transitions = transitions;
    }

    @Override
    public SagaCommand command() {
        return SagaCommand.INITIATE_OFF_RAMP;
    }

    @Override
    public Mono<Void> execute(Command command) {
        return deposits.findById(command.sagaId())
                .flatMap(deposit -> {
                    if (DepositSaga.offRampAccepted(deposit) instanceof DepositSaga.Stay stay) {
                        return commands.finish(command, Mono.just("nothing to do: " + stay.why()))
                                .then();
                    }
                    OffRampAmount amount = OffRampAmount.of(deposit.amountUsdc());
                    if (!amount.payable()) {
                        return refused(
                                command,
                                deposit.id(),
                                "the amount " + amount.usdc().toPlainString() + " is under one cent");
                    }
                    return offRamp.initiate(deposit.id(), amount.payoutUsd(), UUID.fromString(command.idempotencyKey()))
                            .flatMap(transfer -> accepted(command, deposit.id(), transfer))
                            .onErrorResume(
                                    OffRamp.OffRampRefusedException.class,
                                    e -> refused(command, deposit.id(), e.getMessage()));
                })
                .switchIfEmpty(Mono.defer(() -> commands.finish(command, Mono.just("no deposit " + command.sagaId()))
                        .then()));
    }

    private Mono<Void> accepted(Command command, UUID depositId, OffRamp.OffRampTransfer transfer) {
        // read again inside the transaction: the version checked is the one the change is made from
        return commands.finish(command, deposits.findById(depositId).flatMap(current -> {
                    if (DepositSaga.offRampAccepted(current) instanceof DepositSaga.Stay stay) {
                        log.warn(
                                "Payout {} for deposit {} accepted, but the deposit is {}",
                                transfer.partnerTransferId(),
                                depositId,
                                current.status().column());
                        return Mono.just(
                                "payout " + transfer.partnerTransferId() + " made; deposit unchanged: " + stay.why());
                    }
                    return transitions
                            .initiated(current, transfer.partnerTransferId())
                            .thenReturn("payout " + transfer.partnerTransferId() + " "
                                    + transfer.status().name().toLowerCase(java.util.Locale.ROOT));
                }))
                .then();
    }

    private Mono<Void> refused(Command command, UUID depositId, String reason) {
        return commands.finish(command, deposits.findById(depositId).flatMap(current -> {
                    DepositSaga.Step step = DepositSaga.offRampRefused(current, reason);
                    if (step instanceof DepositSaga.Move move) {
                        log.warn("Off-ramp of deposit {} refused; deposit failed and reversed: {}", depositId, reason);
                        return transitions.failed(current, move).thenReturn("refused: " + reason);
                    }
                    return Mono.just("refused, deposit unchanged: " + ((DepositSaga.Stay) step).why());
                }))
                .then();
    }
}
