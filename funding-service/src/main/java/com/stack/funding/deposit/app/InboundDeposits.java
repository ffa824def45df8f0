package com.stack.funding.deposit.app;

import java.math.BigDecimal;
import java.util.Optional;

import com.stack.contracts.events.EventIds;
import com.stack.contracts.events.v1.DepositStatusChanged;
import com.stack.funding.deposit.domain.Deposit;
import com.stack.funding.deposit.domain.DepositSaga;
import com.stack.funding.deposit.domain.DepositStatus;
import com.stack.funding.deposit.domain.OnChainTransfer;
import com.stack.funding.deposit.domain.UsdcAmount;
import com.stack.funding.inbox.domain.InboxOutcome;
import com.stack.funding.ledger.app.Ledger;
import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.saga.app.ConcurrentDepositChangeException;
import com.stack.funding.saga.app.SagaCommands;
import com.stack.funding.wallet.app.KnownWallets;
import com.stack.funding.wallet.domain.KnownWallet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The deposit saga's first step: an inbound on-chain transfer to a user's custody address opens the
 * user's deposit or moves it forward ({@link DepositSaga#onChain}). Runs inside the caller's
 * transaction: the deposit row, its ledger journal and the saga's next command, INITIATE_OFF_RAMP (when it
 * is confirmed), and its {@link DepositStatusChanged} event in the outbox commit together or not at all.
 */
@Service
public class InboundDeposits {

    static final String USDC = DepositEvents.USDC;

    private static final Logger log = LoggerFactory.getLogger(InboundDeposits.class);

    private final KnownWallets wallets;
    private final DepositStore deposits;
    private final Ledger ledger;
    private final DepositAnnouncements announcements;
    private final SagaCommands commands;

    public InboundDeposits(
            KnownWallets wallets,
            DepositStore deposits,
            Ledger ledger,
            DepositAnnouncements announcements,
            SagaCommands commands) {
        this.commands = commands;
        this.wallets = wallets;
        this.deposits = deposits;
        this.ledger = ledger;
        this.announcements = announcements;
    }

    /**
     * Applies the transfer; the outcome says what it did or why it did nothing. A transfer to an address whose
     * wallet is not known yet waits for it ({@link InboxOutcome#awaitingWallet}): the custody partner only
     * reports transfers to its custody addresses, so the wallet is a user's whose WalletCreated has not been
     * applied yet (late, or dead-lettered and waiting to be re-driven).
     */
    public Mono<InboxOutcome> apply(OnChainTransfer transfer) {
        return wallets.findByAddress(transfer.chain(), transfer.canonicalDestination())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(wallet -> wallet.isPresent()
                        ? applyTo(wallet.get(), transfer)
                        : Mono.just(InboxOutcome.awaitingWallet(transfer.chain(), transfer.canonicalDestination())));
    }

    private Mono<InboxOutcome> applyTo(KnownWallet wallet, OnChainTransfer transfer) {
        BigDecimal amount;
        try {
            amount = transfer.usdcAmount();
        } catch (UsdcAmount.InvalidAmountException e) {
            return Mono.just(InboxOutcome.failed("invalid_amount", e.getMessage()));
        }
        String txHash = transfer.canonicalTxHash();
        return deposits.findByTransaction(transfer.chain(), txHash)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> {
                    Deposit current = found.orElse(null);
                    if (current != null && current.amountUsdc().compareTo(amount) != 0) {
                        return Mono.just(InboxOutcome.failed(
                                "amount_mismatch",
                                "transaction " + txHash + " reported "
                                        + amount.toPlainString() + " but deposit " + current.id() + " holds "
                                        + current.amountUsdc().toPlainString()));
                    }
                    DepositSaga.Step step =
                            DepositSaga.onChain(current, transfer.confirmation(), transfer.failureReason());
                    if (step instanceof DepositSaga.Open open) {
                        return open(wallet, transfer, txHash, amount, open.status());
                    }
                    if (step instanceof DepositSaga.Move move) {
                        return move(current, move);
                    }
                    String why = ((DepositSaga.Stay) step).why();
                    return Mono.just(InboxOutcome.ignored(
                            "no_change",
                            (current == null ? "no deposit for " + txHash : "deposit " + current.id() + " unchanged")
                                    + ": " + why));
                });
    }

    private Mono<InboxOutcome> open(
            KnownWallet wallet, OnChainTransfer transfer, String txHash, BigDecimal amount, DepositStatus status) {
        return deposits.open(
                        EventIds.next(),
                        wallet.userId(),
                        wallet.walletId(),
                        transfer.chain(),
                        txHash,
                        amount,
                        status,
                        transfer.partnerTransferId())
                .switchIfEmpty(Mono.error(() ->
                        new ConcurrentDepositChangeException("A deposit for " + txHash + " was opened concurrently")))
                .flatMap(deposit -> recordChange(deposit)
                        .thenReturn(InboxOutcome.applied(
                                "deposit_opened",
                                "deposit " + deposit.id() + " opened "
                                        + deposit.status().column() + " for " + amount.toPlainString() + " " + USDC)));
    }

    private Mono<InboxOutcome> move(Deposit current, DepositSaga.Move move) {
        return deposits.move(current.id(), move.from(), move.to(), current.version(), move.failureReason())
                .switchIfEmpty(Mono.error(() -> new ConcurrentDepositChangeException(
                        "Deposit " + current.id() + " changed after version " + current.version())))
                .flatMap(deposit -> recordChange(deposit)
                        .thenReturn(InboxOutcome.applied(
                                "deposit_moved",
                                "deposit " + deposit.id() + " moved "
                                        + move.from().column() + " -> "
                                        + move.to().column())));
    }

    /** The ledger journal of a confirmed deposit, and the status change in the outbox, in the caller's transaction. */
    private Mono<Void> recordChange(Deposit deposit) {
        Mono<Void> posting = deposit.status() != DepositStatus.CONFIRMED_ON_CHAIN
                ? Mono.empty()
                : ledger.post(LedgerPosting.depositConfirmedOnChain(deposit))
                        .doOnNext(posted -> {
                            if (!posted) {
                                log.warn("Deposit {} was already posted as confirmed; not posting again", deposit.id());
                            }
                        })
                        .then();
        return posting.then(commands.entered(DepositSaga.DEFINITION, deposit.status(), deposit.id()))
                .then(announcements.statusChanged(deposit));
    }
}
