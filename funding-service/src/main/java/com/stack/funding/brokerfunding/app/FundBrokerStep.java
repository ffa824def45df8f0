package com.stack.funding.brokerfunding.app;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.stack.funding.broker.app.BrokerAccounts;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.deposit.app.DepositStore;
import com.stack.funding.deposit.app.DepositTransitions;
import com.stack.funding.deposit.domain.Deposit;
import com.stack.funding.deposit.domain.DepositSaga;
import com.stack.funding.deposit.domain.DepositStatus;
import com.stack.funding.deposit.domain.OffRampAmount;
import com.stack.funding.saga.app.SagaCommandHandler;
import com.stack.funding.saga.app.SagaCommandStore.Command;
import com.stack.funding.saga.app.SagaCommands;
import com.stack.funding.saga.domain.SagaCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Command FUND_BROKER: credits an off-ramped deposit's USD (the payout amount, whole cents) to the user's
 * brokerage account under the command's idempotency key. The user's account is opened on the first deposit
 * (under a key derived from the user, so concurrent first deposits open one account). Then, in one
 * transaction, the broker's transfer id is recorded and the command marked done; the broker's report (an
 * event) takes the deposit to BROKER_FUNDED. A crash between the call and the commit runs the command again:
 * the same key makes the broker answer with the funding it already made. A refusal for good fails the
 * deposit and holds its USD for review; a transient failure is an error, so the runner tries again later.
 */
public class FundBrokerStep implements SagaCommandHandler {

    private static final Logger log = LoggerFactory.getLogger(FundBrokerStep.class);

    private final DepositStore deposits;
    private final BrokerAccounts accounts;
    private final Brokerage brokerage;
    private final SagaCommands commands;
    private final DepositTransitions transitions;
    private final BrokerFundingReports reports;

    public FundBrokerStep(
            DepositStore deposits,
            BrokerAccounts accounts,
            Brokerage brokerage,
            SagaCommands commands,
            DepositTransitions transitions,
            BrokerFundingReports reports) {
        this.deposits = deposits;
        this.accounts = accounts;
        this.brokerage = brokerage;
        this.commands = commands;
        this.transitions = transitions;
        this.reports = reports;
    }

    @Override
    public SagaCommand command() {
        return SagaCommand.FUND_BROKER;
    }

    /** The key an account opening carries: one per user and broker, whoever asks and however often. */
    static UUID accountKey(UUID userId, String broker) {
        return UUID.nameUUIDFromBytes(
                ("stack:broker-account:" + broker + ":" + userId).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Mono<Void> execute(Command command) {
        return deposits.findById(command.sagaId())
                .flatMap(deposit -> {
                    if (deposit.status() != DepositStatus.OFF_RAMP_COMPLETE) {
                        return commands.finish(
                                        command,
                                        Mono.just("nothing to do: already "
                                                + deposit.status().column()))
                                .then();
                    }
                    OffRampAmount amount = OffRampAmount.of(deposit.amountUsdc());
                    return account(deposit)
                            .flatMap(account -> brokerage.fund(
                                    account,
                                    deposit.id(),
                                    amount.payoutUsd(),
                                    UUID.fromString(command.idempotencyKey())))
                            .flatMap(transfer -> accepted(command, deposit.id(), transfer))
                            .onErrorResume(
                                    Brokerage.BrokerRefusedException.class,
                                    e -> refused(command, deposit.id(), e.getMessage()));
                })
                .switchIfEmpty(Mono.defer(() -> commands.finish(command, Mono.just("no deposit " + command.sagaId()))
                        .then()));
    }

    private Mono<Brokerage.Account> account(Deposit deposit) {
        return accounts.find(deposit.userId(), brokerage.partner())
                .switchIfEmpty(Mono.defer(() -> brokerage
                        .openAccount(deposit.userId(), accountKey(deposit.userId(), brokerage.partner()))
                        .flatMap(opened -> accounts.keep(deposit.userId(), brokerage.partner(), opened))));
    }

    private Mono<Void> accepted(Command command, UUID depositId, Brokerage.Transfer transfer) {
        return commands.finish(command, deposits.findById(depositId).flatMap(current -> {
                    if (current.status() != DepositStatus.OFF_RAMP_COMPLETE) {
                        log.warn(
                                "Broker funding {} for deposit {} accepted, but the deposit is {}",
                                transfer.transferId(),
                                depositId,
                                current.status().column());
                        return Mono.just("broker funding " + transfer.transferId() + " made; deposit already "
                                + current.status().column());
                    }
                    return transitions
                            .brokerFundingRequested(current, transfer.transferId())
                            // the broker may answer with the outcome already (a repeat after a crash, a synchronous
                            // credit)
                            .flatMap(recorded -> reports.apply(recorded, reports.reportOf(transfer)))
                            .thenReturn("broker funding " + transfer.transferId() + " "
                                    + transfer.status().name().toLowerCase(java.util.Locale.ROOT))
                            .defaultIfEmpty("broker funding " + transfer.transferId()
                                    + " made; deposit holds another transfer");
                }))
                .then();
    }

    private Mono<Void> refused(Command command, UUID depositId, String reason) {
        return commands.finish(command, deposits.findById(depositId).flatMap(current -> {
                    DepositSaga.Step step = DepositSaga.brokerRefused(current, reason);
                    if (step instanceof DepositSaga.Move move) {
                        log.warn(
                                "Broker funding of deposit {} refused; deposit failed, USD held for review: {}",
                                depositId,
                                reason);
                        return transitions.failed(current, move).thenReturn("refused: " + reason);
                    }
                    return Mono.just("refused, deposit unchanged: " + ((DepositSaga.Stay) step).why());
                }))
                .then();
    }
}
