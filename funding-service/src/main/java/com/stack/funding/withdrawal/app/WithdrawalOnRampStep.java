package com.stack.funding.withdrawal.app;

import java.util.UUID;

import com.stack.funding.saga.app.SagaCommandHandler;
import com.stack.funding.saga.app.SagaCommandStore.Command;
import com.stack.funding.saga.app.SagaCommands;
import com.stack.funding.saga.domain.SagaCommand;
import com.stack.funding.wallet.app.KnownWallets;
import com.stack.funding.withdrawal.domain.WithdrawalSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Command INITIATE_WITHDRAWAL_ON_RAMP: asks the ramp partner to send the withdrawal's USD as USDC into the
 * user's custody wallet on the withdrawal's chain, under the command's idempotency key (Due converts it from the
 * user's virtual account, opened on the first withdrawal on the chain and reused after); then, in one
 * transaction, moves the withdrawal to ON_RAMP_INITIATED with the partner's transfer id and marks the command
 * done. The partner's report (an event) completes the on-ramp. A refusal for good fails the withdrawal and
 * starts the compensation (the USD goes back to the brokerage account); a transient failure is an error, so
 * the runner asks again later with the same key.
 */
public class WithdrawalOnRampStep implements SagaCommandHandler {

    private static final Logger log = LoggerFactory.getLogger(WithdrawalOnRampStep.class);

    private final WithdrawalStore withdrawals;
    private final KnownWallets wallets;
    private final OnRamp onRamp;
    private final SagaCommands commands;
    private final WithdrawalTransitions transitions;
    private final WithdrawalRampReports reports;

    public WithdrawalOnRampStep(
            WithdrawalStore withdrawals,
            KnownWallets wallets,
            OnRamp onRamp,
            SagaCommands commands,
            WithdrawalTransitions transitions,
            WithdrawalRampReports reports) {
        this.withdrawals = withdrawals;
        this.wallets = wallets;
        this.onRamp = onRamp;
        this.commands = commands;
        this.transitions = transitions;
        this.reports = reports;
    }

    @Override
    public SagaCommand command() {
        return SagaCommand.INITIATE_WITHDRAWAL_ON_RAMP;
    }

    @Override
    public Mono<Void> execute(Command command) {
        return withdrawals
                .findById(command.sagaId())
                .flatMap(withdrawal -> {
                    if (WithdrawalSaga.onRampAccepted(withdrawal) instanceof WithdrawalSaga.Stay stay) {
                        return commands.finish(command, Mono.just("nothing to do: " + stay.why()))
                                .then();
                    }
                    return wallets.findForUser(withdrawal.userId(), withdrawal.chain())
                            .switchIfEmpty(Mono.error(() -> new OnRamp.OnRampRefusedException("the user has no custody"
                                    + " wallet on " + withdrawal.chain().column() + " to receive the USDC")))
                            .flatMap(wallet -> onRamp.initiate(
                                    withdrawal.userId(),
                                    withdrawal.id(),
                                    withdrawal.amountUsd(),
                                    withdrawal.chain(),
                                    wallet.address(),
                                    UUID.fromString(command.idempotencyKey())))
                            .flatMap(transfer -> accepted(command, withdrawal.id(), transfer))
                            .onErrorResume(
                                    OnRamp.OnRampRefusedException.class,
                                    e -> refused(command, withdrawal.id(), e.getMessage()));
                })
                .switchIfEmpty(Mono.defer(() -> commands.finish(command, Mono.just("no withdrawal " + command.sagaId()))
                        .then()));
    }

    private Mono<Void> accepted(Command command, UUID withdrawalId, OnRamp.OnRampTransfer transfer) {
        return commands.finish(command, withdrawals.findById(withdrawalId).flatMap(current -> {
                    if (WithdrawalSaga.onRampAccepted(current) instanceof WithdrawalSaga.Stay stay) {
                        log.warn(
                                "On-ramp transfer {} for withdrawal {} accepted, but the withdrawal is {}",
                                transfer.partnerTransferId(),
                                withdrawalId,
                                current.status().column());
                        return Mono.just("on-ramp transfer " + transfer.partnerTransferId() + " made; " + stay.why());
                    }
                    return transitions
                            .onRampInitiated(current, transfer.partnerTransferId())
                            // the partner may answer with the outcome already (a repeat after a crash)
                            .flatMap(initiated -> reports.apply(initiated, WithdrawalRampReports.reportOf(transfer)))
                            .thenReturn(onRamp.partner() + " on-ramp transfer " + transfer.partnerTransferId() + " "
                                    + transfer.status().name().toLowerCase(java.util.Locale.ROOT));
                }))
                .then();
    }

    private Mono<Void> refused(Command command, UUID withdrawalId, String reason) {
        return commands.finish(command, withdrawals.findById(withdrawalId).flatMap(current -> {
                    WithdrawalSaga.Step step = WithdrawalSaga.onRampRefused(current, reason);
                    if (step instanceof WithdrawalSaga.Move move) {
                        log.warn(
                                "On-ramp of withdrawal {} refused; failed, the broker is to be credited back: {}",
                                withdrawalId,
                                reason);
                        return transitions.failed(current, move).thenReturn("refused: " + reason);
                    }
                    return Mono.just("refused, withdrawal unchanged: " + ((WithdrawalSaga.Stay) step).why());
                }))
                .then();
    }
}
