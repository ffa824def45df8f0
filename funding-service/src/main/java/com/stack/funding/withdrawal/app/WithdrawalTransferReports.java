package com.stack.funding.withdrawal.app;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.stack.funding.deposit.app.OffRampReports;
import com.stack.funding.inbox.domain.InboxOutcome;
import com.stack.funding.withdrawal.domain.WithdrawalLegs;
import com.stack.funding.withdrawal.domain.WithdrawalSaga;
import reactor.core.publisher.Mono;

/**
 * The custody partner's reports on withdrawals' on-chain transactions (Circle's {@code transactions.outbound}
 * notifications, its answer to the request, the reconciler's read-back): the current attempt's transaction
 * complete with a hash completes the withdrawal; failed sends it again or, at the last attempt, parks it.
 * An earlier attempt's transaction, and repeats, change nothing. Runs inside the caller's transaction.
 */
public class WithdrawalTransferReports {

    private static final Pattern REF_ID = Pattern.compile("withdrawal-([0-9a-f-]{36})-(\\d{1,4})");

    private final WithdrawalStore withdrawals;
    private final WithdrawalTransitions transitions;
    private final int maxAttempts;
    private final Duration retryDelay;

    public WithdrawalTransferReports(
            WithdrawalStore withdrawals, WithdrawalTransitions transitions, WithdrawalTransferStep.Settings settings) {
        this.withdrawals = withdrawals;
        this.transitions = transitions;
        this.maxAttempts = settings.maxAttempts();
        this.retryDelay = settings.retryDelay();
    }

    /**
     * Applies a report on a transaction known by its id and, when the partner echoes it, the {@code refId} the
     * transaction was tagged with. A transaction no withdrawal holds is an error (retried: its initiating
     * transaction may not have committed yet) unless its tag names an attempt its withdrawal is already past, or
     * a withdrawal that is not here (another deployment's transaction on the same custody account).
     */
    public Mono<InboxOutcome> apply(WalletTransfers.OnChainTransaction transaction, String refId) {
        if (transaction.state() == WalletTransfers.State.PENDING) {
            return Mono.just(InboxOutcome.ignored(
                    "no_change", "transaction " + transaction.transactionId() + " " + "still pending"));
        }
        return withdrawals
                .findByChainTransaction(transaction.transactionId())
                .flatMap(legs -> apply(legs, transaction))
                .switchIfEmpty(Mono.defer(() -> earlierAttempt(transaction, refId)))
                .switchIfEmpty(Mono.error(() -> new OffRampReports.PayoutNotKnownYetException(
                        "No withdrawal holds" + " transaction " + transaction.transactionId() + " yet")));
    }

    private Mono<InboxOutcome> earlierAttempt(WalletTransfers.OnChainTransaction transaction, String refId) {
        Matcher tag = refId == null ? null : REF_ID.matcher(refId);
        if (tag == null || !tag.matches()) {
            return Mono.empty();
        }
        int attempt = Integer.parseInt(tag.group(2));
        UUID withdrawalId = UUID.fromString(tag.group(1));
        return withdrawals
                .legs(withdrawalId)
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        // withdrawals exist before their transactions: this is another deployment's, or no one's
                        return Mono.just(InboxOutcome.ignored(
                                "not_a_withdrawal",
                                "transaction " + transaction.transactionId() + " names withdrawal " + withdrawalId
                                        + ", which is not here"));
                    }
                    WithdrawalLegs legs = found.get();
                    if (legs.transferAttempt() > attempt
                            || legs.withdrawal().status().isFinal()) {
                        return Mono.just(InboxOutcome.ignored(
                                "stale_attempt",
                                "transaction " + transaction.transactionId()
                                        + " is attempt " + attempt + " of withdrawal " + withdrawalId + ", which is "
                                        + legs.withdrawal().status().column() + " at attempt "
                                        + legs.transferAttempt()));
                    }
                    return Mono.empty(); // the current attempt's: its transaction id has not committed yet
                });
    }

    /** Applies a report on one of the withdrawal's transactions. */
    public Mono<InboxOutcome> apply(WithdrawalLegs legs, WalletTransfers.OnChainTransaction transaction) {
        WithdrawalSaga.ChainOutcome outcome = switch (transaction.state()) {
            case PENDING -> WithdrawalSaga.ChainOutcome.PENDING;
            case COMPLETE -> WithdrawalSaga.ChainOutcome.COMPLETE;
            case FAILED -> WithdrawalSaga.ChainOutcome.FAILED;
        };
        var current = legs.withdrawal();
        WithdrawalSaga.TransferDecision decision = WithdrawalSaga.transferReported(
                legs,
                transaction.transactionId(),
                outcome,
                transaction.txHash(),
                transaction.errorReason(),
                maxAttempts);
        if (decision instanceof WithdrawalSaga.TransferCompletes completes) {
            return transitions
                    .transferCompleted(current, completes.txHash())
                    .map(done -> InboxOutcome.applied(
                            "withdrawal_moved",
                            "withdrawal " + done.id() + " complete by transaction " + transaction.transactionId() + " "
                                    + completes.txHash()));
        }
        if (decision instanceof WithdrawalSaga.TransferAgain again) {
            return transitions
                    .transferAgain(current, again.nextAttempt(), again.reason(), retryDelay)
                    .map(retried -> InboxOutcome.applied(
                            "transfer_again",
                            "withdrawal " + retried.id() + ": " + again.reason() + "; attempt " + again.nextAttempt()
                                    + " in " + retryDelay));
        }
        if (decision instanceof WithdrawalSaga.TransferParks parks) {
            return transitions
                    .failed(current, parks.move())
                    .map(parked -> InboxOutcome.applied(
                            "withdrawal_parked",
                            "withdrawal " + parked.id() + " parked for review: "
                                    + parks.move().failureReason()));
        }
        return Mono.just(InboxOutcome.ignored(
                "no_change",
                "withdrawal " + current.id() + " unchanged: " + ((WithdrawalSaga.TransferStays) decision).why()));
    }
}
