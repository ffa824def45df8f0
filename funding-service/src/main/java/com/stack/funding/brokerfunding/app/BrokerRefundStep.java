package com.stack.funding.brokerfunding.app;

import java.util.UUID;

import com.stack.funding.broker.app.BrokerAccounts;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.saga.app.SagaCommandHandler;
import com.stack.funding.saga.app.SagaCommandStore.Command;
import com.stack.funding.saga.app.SagaCommands;
import com.stack.funding.saga.domain.SagaCommand;
import com.stack.funding.withdrawal.app.WithdrawalRefund;
import com.stack.funding.withdrawal.app.WithdrawalStore;
import com.stack.funding.withdrawal.domain.WithdrawalLegs;
import reactor.core.publisher.Mono;

/**
 * Command REFUND_BROKER_WITHDRAWAL, the compensation of an on-ramp that failed after the broker paid the USD
 * out: sends the amount back to the user's brokerage account ({@link WithdrawalRefund}: the broker credits it, a
 * DriveWealth deposit or an Alpaca journal from the firm; or Due wires it back from the user's virtual account)
 * under the command's key, then records the refund's transfer in one transaction with the command marked done.
 * The broker's report of the credit, or of the incoming wire
 * ({@code partner.adapters.alpaca.AlpacaFundingStatusEvents}), releases the hold
 * ({@link BrokerFundingReports#applyToRefund}). Every
 * failure here, a refusal included, is an error: the runner asks again with the same key, and a command that
 * gave up is visible (and re-armed by the reconciler), because this money must go back.
 */
public class BrokerRefundStep implements SagaCommandHandler {

    private final WithdrawalStore withdrawals;
    private final BrokerAccounts accounts;
    private final Brokerage brokerage;
    private final WithdrawalRefund refund;
    private final SagaCommands commands;
    private final BrokerFundingReports reports;

    public BrokerRefundStep(
            WithdrawalStore withdrawals,
            BrokerAccounts accounts,
            Brokerage brokerage,
            SagaCommands commands,
            BrokerFundingReports reports) {
        this(withdrawals, accounts, brokerage, new WithdrawalRefund.BrokerCredit(brokerage), commands, reports);
    }

    public BrokerRefundStep(
            WithdrawalStore withdrawals,
            BrokerAccounts accounts,
            Brokerage brokerage,
            WithdrawalRefund refund,
            SagaCommands commands,
            BrokerFundingReports reports) {
        this.withdrawals = withdrawals;
        this.accounts = accounts;
        this.brokerage = brokerage;
        this.refund = refund;
        this.commands = commands;
        this.reports = reports;
    }

    @Override
    public SagaCommand command() {
        return SagaCommand.REFUND_BROKER_WITHDRAWAL;
    }

    @Override
    public Mono<Void> execute(Command command) {
        return withdrawals
                .legs(command.sagaId())
                .flatMap(legs -> {
                    if (legs.compensation() != WithdrawalLegs.Compensation.BROKER_REFUND || legs.compensationDone()) {
                        return commands.finish(
                                        command,
                                        Mono.just("nothing to do: compensation " + legs.compensation()
                                                + (legs.compensationDone() ? ", done" : "")))
                                .then();
                    }
                    var withdrawal = legs.withdrawal();
                    return accounts.find(withdrawal.userId(), brokerage.partner())
                            .switchIfEmpty(Mono.error(() -> new IllegalStateException("Withdrawal " + withdrawal.id()
                                    + " left a " + brokerage.partner() + " account the user does not have")))
                            .flatMap(account ->
                                    refund.refund(withdrawal, account, UUID.fromString(command.idempotencyKey())))
                            .flatMap(transfer -> commands.finish(
                                    command,
                                    withdrawals
                                            .brokerRefundRequested(withdrawal.id(), transfer.transferId())
                                            .then(withdrawals.findByBrokerRefund(transfer.transferId()))
                                            // the broker may answer with the outcome already (a repeat after a crash)
                                            .flatMap(
                                                    refund -> reports.applyToRefund(refund, reports.reportOf(transfer)))
                                            .thenReturn("refund " + transfer.transferId() + " "
                                                    + transfer.status().name().toLowerCase(java.util.Locale.ROOT))))
                            .then();
                })
                .switchIfEmpty(Mono.defer(() -> commands.finish(command, Mono.just("no withdrawal " + command.sagaId()))
                        .then()));
    }
}
