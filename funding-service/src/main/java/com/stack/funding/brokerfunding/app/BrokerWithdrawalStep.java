package com.stack.funding.brokerfunding.app;

import java.util.UUID;

import com.stack.funding.broker.app.BrokerAccounts;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.saga.app.SagaCommandHandler;
import com.stack.funding.saga.app.SagaCommandStore.Command;
import com.stack.funding.saga.app.SagaCommands;
import com.stack.funding.saga.domain.SagaCommand;
import com.stack.funding.wallet.app.KnownWallets;
import com.stack.funding.withdrawal.app.WithdrawalPayee;
import com.stack.funding.withdrawal.app.WithdrawalStore;
import com.stack.funding.withdrawal.app.WithdrawalTransitions;
import com.stack.funding.withdrawal.domain.Withdrawal;
import com.stack.funding.withdrawal.domain.WithdrawalSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Command INITIATE_BROKER_WITHDRAWAL: asks the broker to pay a held withdrawal's USD out of the user's
 * brokerage account under the command's idempotency key: to the house (DriveWealth redemption, Alpaca JNLC to the
 * firm), or, when the on-ramp names a payee bank ({@link WithdrawalPayee}: Due, the user's virtual account on the
 * withdrawal's chain, found or opened to convert into the user's custody wallet), by wire to that bank; then, in one
 * transaction, moves the withdrawal to BROKER_WITHDRAWAL_INITIATED with the broker's transfer id
 * and marks the command done. A refusal for good (no account, not enough cash at the broker) fails the
 * withdrawal and releases the hold; a transient failure is retried by the runner with the same key.
 */
public class BrokerWithdrawalStep implements SagaCommandHandler {

    private static final Logger log = LoggerFactory.getLogger(BrokerWithdrawalStep.class);

    private final WithdrawalStore withdrawals;
    private final BrokerAccounts accounts;
    private final Brokerage brokerage;
    private final SagaCommands commands;
    private final WithdrawalTransitions transitions;
    private final BrokerFundingReports reports;
    private final WithdrawalPayee payee;
    private final KnownWallets wallets;

    public BrokerWithdrawalStep(
            WithdrawalStore withdrawals,
            BrokerAccounts accounts,
            Brokerage brokerage,
            SagaCommands commands,
            WithdrawalTransitions transitions,
            BrokerFundingReports reports) {
        this(withdrawals, accounts, brokerage, commands, transitions, reports, WithdrawalPayee.HOUSE, null);
    }

    public BrokerWithdrawalStep(
            WithdrawalStore withdrawals,
            BrokerAccounts accounts,
            Brokerage brokerage,
            SagaCommands commands,
            WithdrawalTransitions transitions,
            BrokerFundingReports reports,
            WithdrawalPayee payee,
            KnownWallets wallets) {
        if (payee.namesBanks() && !brokerage.wiresToBanks()) {
            throw new IllegalStateException(
                    brokerage.partner() + " cannot wire a withdrawal to the bank account the" + " on-ramp names");
        }
        this.payee = payee;
        this.wallets = wallets;
        this.withdrawals = withdrawals;
        this.accounts = accounts;
        this.brokerage = brokerage;
        this.commands = commands;
        this.transitions = transitions;
        this.reports = reports;
    }

    @Override
    public SagaCommand command() {
        return SagaCommand.INITIATE_BROKER_WITHDRAWAL;
    }

    @Override
    public Mono<Void> execute(Command command) {
        return withdrawals
                .findById(command.sagaId())
                .flatMap(withdrawal -> {
                    if (WithdrawalSaga.brokerAccepted(withdrawal) instanceof WithdrawalSaga.Stay stay) {
                        return commands.finish(command, Mono.just("nothing to do: " + stay.why()))
                                .then();
                    }
                    return accounts.find(withdrawal.userId(), brokerage.partner())
                            .switchIfEmpty(Mono.error(() -> new Brokerage.BrokerRefusedException(
                                    "the user has no " + brokerage.partner() + " account (never funded)")))
                            .flatMap(account -> payOut(account, withdrawal, UUID.fromString(command.idempotencyKey())))
                            .flatMap(transfer -> accepted(command, withdrawal.id(), transfer))
                            .onErrorResume(
                                    Brokerage.BrokerRefusedException.class,
                                    e -> refused(command, withdrawal.id(), e.getMessage()));
                })
                .switchIfEmpty(Mono.defer(() -> commands.finish(command, Mono.just("no withdrawal " + command.sagaId()))
                        .then()));
    }

    /** To the house, or by wire to the bank the on-ramp names; a payee there can be none of is a refusal. */
    private Mono<Brokerage.Transfer> payOut(Brokerage.Account account, Withdrawal withdrawal, UUID key) {
        if (!payee.namesBanks()) {
            return brokerage.withdraw(account, withdrawal.id(), withdrawal.amountUsd(), key);
        }
        return wallets.findForUser(withdrawal.userId(), withdrawal.chain())
                .switchIfEmpty(
                        Mono.error(() -> new WithdrawalPayee.PayeeRefusedException("the user has no custody wallet"
                                + " on " + withdrawal.chain().column() + " to receive the USDC")))
                .flatMap(wallet -> payee.payeeOf(withdrawal.userId(), withdrawal.chain(), wallet.address()))
                .switchIfEmpty(Mono.error(() -> new WithdrawalPayee.PayeeRefusedException(
                        "the on-ramp named no bank to" + " pay the withdrawal into")))
                .onErrorMap(
                        WithdrawalPayee.PayeeRefusedException.class,
                        e -> new Brokerage.BrokerRefusedException("no payee bank: " + e.getMessage()))
                .flatMap(bank -> brokerage.withdrawTo(account, withdrawal.id(), withdrawal.amountUsd(), bank, key));
    }

    private Mono<Void> accepted(Command command, UUID withdrawalId, Brokerage.Transfer transfer) {
        return commands.finish(command, withdrawals.findById(withdrawalId).flatMap(current -> {
                    WithdrawalSaga.Step step = WithdrawalSaga.brokerAccepted(current);
                    if (step instanceof WithdrawalSaga.Stay stay) {
                        log.warn(
                                "Broker withdrawal {} for {} accepted, but the withdrawal is {}",
                                transfer.transferId(),
                                withdrawalId,
                                current.status().column());
                        return Mono.just("broker withdrawal " + transfer.transferId() + " made; " + stay.why());
                    }
                    return transitions
                            .brokerInitiated(current, (WithdrawalSaga.Move) step, transfer.transferId())
                            // the broker may answer with the outcome already (a repeat after a crash)
                            .flatMap(initiated -> reports.applyToWithdrawal(initiated, reports.reportOf(transfer)))
                            .thenReturn("broker withdrawal " + transfer.transferId() + " "
                                    + transfer.status().name().toLowerCase(java.util.Locale.ROOT));
                }))
                .then();
    }

    private Mono<Void> refused(Command command, UUID withdrawalId, String reason) {
        return commands.finish(command, withdrawals.findById(withdrawalId).flatMap(current -> {
                    WithdrawalSaga.Step step = WithdrawalSaga.brokerRefused(current, reason);
                    if (step instanceof WithdrawalSaga.Move move) {
                        log.warn(
                                "Broker withdrawal of {} refused; withdrawal failed, hold released: {}",
                                withdrawalId,
                                reason);
                        return transitions.failed(current, move).thenReturn("refused: " + reason);
                    }
                    return Mono.just("refused, withdrawal unchanged: " + ((WithdrawalSaga.Stay) step).why());
                }))
                .then();
    }
}
