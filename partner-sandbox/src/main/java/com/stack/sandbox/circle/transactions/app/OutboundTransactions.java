package com.stack.sandbox.circle.transactions.app;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.stack.sandbox.circle.notifications.app.Notifications;
import com.stack.sandbox.circle.notifications.app.Notifications.Notified;
import com.stack.sandbox.circle.notifications.config.CircleNotificationProperties;
import com.stack.sandbox.circle.notifications.domain.NotificationBody;
import com.stack.sandbox.circle.notifications.domain.NotificationDelivery;
import com.stack.sandbox.circle.transactions.config.CircleTransactionProperties;
import com.stack.sandbox.circle.transactions.domain.NewTransaction;
import com.stack.sandbox.circle.transactions.domain.Plan;
import com.stack.sandbox.circle.transactions.domain.Transaction;
import com.stack.sandbox.circle.wallets.app.DeveloperWallets;
import com.stack.sandbox.circle.wallets.app.WalletBalances;
import com.stack.sandbox.circle.wallets.domain.Blockchain;
import com.stack.sandbox.circle.wallets.domain.CircleError.FieldError;
import com.stack.sandbox.circle.wallets.domain.CircleException;
import com.stack.sandbox.circle.wallets.domain.UsdcHolding;
import com.stack.sandbox.circle.wallets.domain.Wallet;
import com.stack.sandbox.partners.BackgroundTasks;
import com.stack.sandbox.partners.IdempotencyStore;
import com.stack.sandbox.partners.IdempotencyStore.Outcome;
import com.stack.sandbox.partners.SandboxIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Outbound USDC transfers of Circle's developer-controlled wallets, the last leg of a withdrawal. A
 * transfer is accepted {@code INITIATED} under its idempotency key and reserves its amount in the
 * wallet (so concurrent transfers never spend the same USDC); then it moves one state per step delay
 * (timers, no thread waits) through {@code QUEUED}, {@code SENT} (with its hash from here on) and
 * {@code CONFIRMED} to {@code COMPLETE}, when the USDC leaves the wallet (and reaches the destination,
 * when that is another wallet of the sandbox on the same blockchain, without an inbound notification).
 * A transfer the wallet cannot cover is accepted all the same and goes {@code FAILED} with
 * {@code INSUFFICIENT_TOKEN}, as at Circle; a {@link #failNext fail-next} flag fails the next ones
 * after a chosen state, the reservation given back. Every subscription gets a signed
 * {@code transactions.outbound} notification of each state.
 */
@Service
public class OutboundTransactions {

    /** The default {@code errorReason} of a transaction failed by the fail-next flag. */
    public static final String DEFAULT_ERROR_REASON = "FAILED_ON_CHAIN";
    /** The default state a transaction failed by the fail-next flag fails after: it has a hash. */
    public static final String DEFAULT_FAIL_AFTER = Transaction.SENT;

    private final IdempotencyStore<NewTransaction, Transaction> idempotency = new IdempotencyStore<>();
    private final Map<String, Transaction> transactions = new ConcurrentHashMap<>();
    private final AtomicReference<FailNext> failNext = new AtomicReference<>(FailNext.NONE);
    private final DeveloperWallets wallets;
    private final WalletBalances balances;
    private final Notifications notifications;
    private final BackgroundTasks background;
    private final CircleNotificationProperties tokens;
    private final Duration stepDelay;
    private final Clock clock;

    @Autowired
    public OutboundTransactions(
            DeveloperWallets wallets,
            WalletBalances balances,
            Notifications notifications,
            BackgroundTasks background,
            CircleNotificationProperties tokens,
            CircleTransactionProperties properties) {
        this(wallets, balances, notifications, background, tokens, properties, Clock.systemUTC());
    }

    OutboundTransactions(
            DeveloperWallets wallets,
            WalletBalances balances,
            Notifications notifications,
            BackgroundTasks background,
            CircleNotificationProperties tokens,
            CircleTransactionProperties properties,
            Clock clock) {
        this.wallets = wallets;
        this.balances = balances;
        this.notifications = notifications;
        this.background = background;
        this.tokens = tokens;
        this.stepDelay = properties.stepDelay();
        this.clock = clock;
    }

    /**
     * What the next transactions accepted will fail with.
     *
     * @param remaining how many transactions are still to fail
     * @param failAfter the state they fail after
     */
    public record FailNext(int remaining, String errorReason, String failAfter) {

        static final FailNext NONE = new FailNext(0, null, null);

        FailNext claimed() {
            return remaining <= 1 ? NONE : new FailNext(remaining - 1, errorReason, failAfter);
        }
    }

    /** What a transaction was accepted with, beyond what it shows: its plan, its hash to come, its reservation. */
    private record Run(
            Plan plan,
            String txHash,
            boolean reserved,
            String walletId,
            Blockchain blockchain,
            BigDecimal amount,
            String destinationAddress) {}

    /**
     * Accepts the transfer the first time its idempotency key is seen (and starts moving it on); the
     * same transaction, as it is now, for the same request again.
     *
     * @throws CircleException 409 for a different request under a used key; 404 for an unknown wallet;
     *                         400 for a token that is not the wallet's chain's USDC, or an address not of
     *                         that chain (the key stays free)
     */
    public Outcome<Transaction> create(NewTransaction request) {
        Run[] run = new Run[1];
        Outcome<Transaction> outcome =
                idempotency.execute(request.idempotencyKey().toString(), request, () -> {
                    Wallet wallet = wallets.wallet(request.walletId()).orElseThrow(CircleException::walletNotFound);
                    Blockchain blockchain =
                            Blockchain.named(wallet.blockchain()).orElseThrow();
                    String usdc = tokens.usdcTokenIds().of(blockchain);
                    if (!usdc.equals(request.tokenId())) {
                        throw CircleException.validation(List.of(FieldError.invalid(
                                "tokenId",
                                "tokenId must be the USDC token of the wallet's blockchain " + blockchain.wireName()
                                        + ": " + usdc)));
                    }
                    if (!blockchain.isValidAddress(request.destinationAddress())) {
                        throw CircleException.validation(List.of(FieldError.invalid(
                                "destinationAddress",
                                "destinationAddress is not a valid " + blockchain.wireName() + " address")));
                    }
                    boolean reserved = balances.tryReserve(wallet.id(), request.amount());
                    Plan plan = reserved ? claimPlan() : Plan.insufficientToken();
                    Transaction transaction = Transaction.initiated(
                            SandboxIds.uuid().toString(), wallet, UsdcHolding.format(request.amount()), request, now());
                    run[0] = new Run(
                            plan,
                            blockchain.newTxHash(ThreadLocalRandom.current()),
                            reserved,
                            wallet.id(),
                            blockchain,
                            request.amount(),
                            request.destinationAddress());
                    transactions.put(transaction.id(), transaction);
                    return transaction;
                });
        switch (outcome.kind()) {
            case CONFLICT -> throw CircleException.idempotencyKeyReused();
            case CREATED ->
                background.submit(notifications.notifyEach(
                        outcome.value().id(), NotificationBody.OUTBOUND, timeline(outcome.value(), run[0])));
            case REPLAYED -> {
                return new Outcome<>(
                        Outcome.Kind.REPLAYED, transactions.get(outcome.value().id()));
            }
        }
        return outcome;
    }

    public Optional<Transaction> transaction(String id) {
        return Optional.ofNullable(transactions.get(id));
    }

    /** Every transaction that {@code filter} accepts, oldest first. */
    public List<Transaction> transactions(Predicate<Transaction> filter) {
        return transactions.values().stream()
                .filter(filter)
                .sorted(Comparator.comparing(Transaction::createDate).thenComparing(Transaction::id))
                .toList();
    }

    /**
     * Makes the next {@code count} transactions accepted (that the wallet can cover) fail with
     * {@code errorReason} after {@code failAfter}; 0 clears the flag.
     */
    public FailNext failNext(int count, String errorReason, String failAfter) {
        FailNext next = count == 0 ? FailNext.NONE : new FailNext(count, errorReason, failAfter);
        failNext.set(next);
        return next;
    }

    /** Every delivery attempt of the transaction's notifications so far, oldest first; empty when none yet. */
    public List<NotificationDelivery> deliveries(String transactionId) {
        return notifications.deliveries(transactionId).orElse(List.of());
    }

    private Plan claimPlan() {
        FailNext claimed = failNext.getAndUpdate(FailNext::claimed);
        return claimed.remaining() > 0 ? Plan.failing(claimed.failAfter(), claimed.errorReason()) : Plan.completing();
    }

    /** The transaction as accepted, then in each state of its plan, one step delay apart. */
    private Flux<Notified> timeline(Transaction initiated, Run run) {
        return Flux.concat(
                Mono.just(new Notified(initiated.state(), initiated)),
                Flux.fromIterable(run.plan().next())
                        .concatMap(state -> Mono.delay(stepDelay)
                                .map(tick -> new Notified(state, move(initiated.id(), state, run)))));
    }

    private Transaction move(String id, String state, Run run) {
        Instant now = now();
        Transaction moved = transactions.computeIfPresent(
                id,
                (key, transaction) ->
                        transaction.moved(state, run.txHash(), run.plan().errorReason(), now));
        if (Transaction.COMPLETE.equals(state)) {
            balances.spend(run.walletId(), run.amount());
            wallets.byAddress(run.destinationAddress())
                    .filter(destination ->
                            destination.blockchain().equals(run.blockchain().wireName()))
                    .ifPresent(destination -> balances.credit(destination.id(), run.amount()));
        } else if (Transaction.FAILED.equals(state) && run.reserved()) {
            balances.release(run.walletId(), run.amount());
        }
        return moved;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
