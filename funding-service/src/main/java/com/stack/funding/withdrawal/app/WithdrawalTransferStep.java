package com.stack.funding.withdrawal.app;

import java.time.Duration;

import com.stack.funding.saga.app.SagaCommandHandler;
import com.stack.funding.saga.app.SagaCommandStore.Command;
import com.stack.funding.saga.app.SagaCommands;
import com.stack.funding.saga.domain.SagaCommand;
import com.stack.funding.wallet.app.KnownWallets;
import com.stack.funding.withdrawal.domain.WithdrawalLegs;
import com.stack.funding.withdrawal.domain.WithdrawalSaga;
import com.stack.funding.withdrawal.domain.WithdrawalStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import reactor.core.publisher.Mono;

/**
 * Command SEND_WITHDRAWAL_TRANSFER: sends the withdrawal's USDC from the user's custody wallet to the user's
 * address, under the key of the current attempt; then, in one transaction, records the custody partner's
 * transaction (the first attempt moves the withdrawal to TRANSFER_INITIATED) and marks the command done. The
 * transaction's outcome arrives as an event ({@link WithdrawalTransferReports}); a failed one arms this
 * command again for the next attempt. A refusal for good parks the withdrawal; a transient failure is an
 * error, so the runner asks again later with the same key.
 */
public class WithdrawalTransferStep implements SagaCommandHandler {

    private static final Logger log = LoggerFactory.getLogger(WithdrawalTransferStep.class);

    /**
     * {@code stack.funding.withdrawals.transfer.*}: how many times a failed on-chain transfer is sent (in all)
     * before the withdrawal is parked for review, and how long after a failure the next attempt goes.
     */
    @ConfigurationProperties("stack.funding.withdrawals.transfer")
    public record Settings(
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("5s") Duration retryDelay) {

        public Settings {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException(
                        "stack.funding.withdrawals.transfer.max-attempts must be at least 1");
            }
        }
    }

    private final WithdrawalStore withdrawals;
    private final KnownWallets wallets;
    private final WalletTransfers transfers;
    private final SagaCommands commands;
    private final WithdrawalTransitions transitions;
    private final WithdrawalTransferReports reports;

    public WithdrawalTransferStep(
            WithdrawalStore withdrawals,
            KnownWallets wallets,
            WalletTransfers transfers,
            SagaCommands commands,
            WithdrawalTransitions transitions,
            WithdrawalTransferReports reports) {
        this.withdrawals = withdrawals;
        this.wallets = wallets;
        this.transfers = transfers;
        this.commands = commands;
        this.transitions = transitions;
        this.reports = reports;
    }

    @Override
    public SagaCommand command() {
        return SagaCommand.SEND_WITHDRAWAL_TRANSFER;
    }

    /** Whether the withdrawal waits for a transaction of its current attempt. */
    static boolean sendable(WithdrawalLegs legs) {
        WithdrawalStatus status = legs.withdrawal().status();
        return status == WithdrawalStatus.ON_RAMP_COMPLETE
                || (status == WithdrawalStatus.TRANSFER_INITIATED && legs.chainTransactionId() == null);
    }

    @Override
    public Mono<Void> execute(Command command) {
        return withdrawals
                .legs(command.sagaId())
                .flatMap(legs -> {
                    if (!sendable(legs)) {
                        return commands.finish(
                                        command,
                                        Mono.just("nothing to do: "
                                                + legs.withdrawal().status().column()
                                                + (legs.chainTransactionId() == null
                                                        ? ""
                                                        : ", transaction " + legs.chainTransactionId())))
                                .then();
                    }
                    var withdrawal = legs.withdrawal();
                    int attempt = legs.transferAttempt();
                    return wallets.findForUser(withdrawal.userId(), withdrawal.chain())
                            .filter(wallet -> wallet.custodianWalletId() != null)
                            .switchIfEmpty(Mono.error(() -> new WalletTransfers.WalletTransferRefusedException(
                                    "the user" + " has no custody wallet on "
                                            + withdrawal.chain().column() + " known by its custodian id")))
                            .flatMap(wallet -> transfers.send(
                                    wallet.custodianWalletId(),
                                    withdrawal.chain(),
                                    withdrawal.address(),
                                    withdrawal.amountUsd(),
                                    SagaCommand.SEND_WITHDRAWAL_TRANSFER.idempotencyKey(withdrawal.id(), attempt),
                                    refId(withdrawal.id(), attempt)))
                            .flatMap(transaction -> accepted(command, legs, transaction))
                            .onErrorResume(
                                    WalletTransfers.WalletTransferRefusedException.class,
                                    e -> refused(command, legs, e.getMessage()));
                })
                .switchIfEmpty(Mono.defer(() -> commands.finish(command, Mono.just("no withdrawal " + command.sagaId()))
                        .then()));
    }

    /** The tag of an attempt's transaction at the custody partner: {@code withdrawal-<id>-<attempt>}. */
    static String refId(java.util.UUID withdrawalId, int attempt) {
        return "withdrawal-" + withdrawalId + "-" + attempt;
    }

    private Mono<Void> accepted(Command command, WithdrawalLegs asked, WalletTransfers.OnChainTransaction transaction) {
        return commands.finish(
                        command, withdrawals.legs(asked.withdrawal().id()).flatMap(current -> {
                            if (!sendable(current) || current.transferAttempt() != asked.transferAttempt()) {
                                log.warn(
                                        "Transaction {} of withdrawal {} (attempt {}) accepted, but the withdrawal is {} at attempt {}",
                                        transaction.transactionId(),
                                        current.withdrawal().id(),
                                        asked.transferAttempt(),
                                        current.withdrawal().status().column(),
                                        current.transferAttempt());
                                return Mono.just(
                                        "transaction " + transaction.transactionId() + " made; withdrawal already "
                                                + current.withdrawal().status().column());
                            }
                            return transitions
                                    .transferInitiated(current.withdrawal(), transaction.transactionId())
                                    // the partner may answer with the outcome already (a repeat after a crash)
                                    .map(initiated -> new WithdrawalLegs(
                                            initiated,
                                            current.brokerTransferId(),
                                            current.onRampTransferId(),
                                            transaction.transactionId(),
                                            current.transferAttempt(),
                                            current.compensation(),
                                            current.compensationDone(),
                                            current.brokerRefundTransferId()))
                                    .flatMap(initiated -> reports.apply(initiated, transaction))
                                    .thenReturn("transaction " + transaction.transactionId() + " (attempt "
                                            + asked.transferAttempt() + ") "
                                            + transaction.state().name().toLowerCase(java.util.Locale.ROOT));
                        }))
                .then();
    }

    private Mono<Void> refused(Command command, WithdrawalLegs asked, String reason) {
        return commands.finish(
                        command, withdrawals.legs(asked.withdrawal().id()).flatMap(current -> {
                            WithdrawalSaga.TransferDecision decision = WithdrawalSaga.transferRefused(current, reason);
                            if (decision instanceof WithdrawalSaga.TransferParks parks) {
                                log.error(
                                        "On-chain transfer of withdrawal {} refused; parked for review: {}",
                                        current.withdrawal().id(),
                                        reason);
                                return transitions
                                        .failed(current.withdrawal(), parks.move())
                                        .thenReturn("refused, parked: " + reason);
                            }
                            return Mono.just("refused, withdrawal unchanged: "
                                    + ((WithdrawalSaga.TransferStays) decision).why());
                        }))
                .then();
    }
}
