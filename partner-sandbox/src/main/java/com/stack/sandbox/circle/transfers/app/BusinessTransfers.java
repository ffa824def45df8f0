package com.stack.sandbox.circle.transfers.app;

import java.time.Clock;
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
import com.stack.sandbox.circle.notifications.domain.NotificationBody;
import com.stack.sandbox.circle.notifications.domain.NotificationDelivery;
import com.stack.sandbox.circle.transfers.config.CircleBusinessAccountProperties;
import com.stack.sandbox.circle.transfers.config.CircleTransferProperties;
import com.stack.sandbox.circle.transfers.domain.NewTransfer;
import com.stack.sandbox.circle.transfers.domain.Transfer;
import com.stack.sandbox.circle.wallets.app.DeveloperWallets;
import com.stack.sandbox.circle.wallets.app.WalletBalances;
import com.stack.sandbox.circle.wallets.domain.CircleException;
import com.stack.sandbox.partners.BackgroundTasks;
import com.stack.sandbox.partners.IdempotencyStore;
import com.stack.sandbox.partners.IdempotencyStore.Outcome;
import com.stack.sandbox.partners.SandboxIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Circle Mint's business-account transfers, the on-ramp of a withdrawal: USD of the business account
 * converted 1:1 and sent as USDC to a blockchain address. A transfer takes its amount from the
 * business account when it is made (refused with a 400 when the account has less) and is
 * {@code pending}; after the settle delay (a timer, no thread waits) it is {@code complete} with a
 * transaction hash in the chain's form, or {@code failed} (a {@link #failNext fail-next} flag, decided
 * when it is made) and the amount goes back to the account. Every subscription gets a signed
 * {@code transfers} notification of each status. A complete transfer to the address of one of the
 * sandbox's wallets (of the same chain family: Circle Mint's sandbox names the testnets ETH and SOL)
 * credits that wallet's USDC; no {@code transactions.inbound} notification is sent for it.
 */
@Service
public class BusinessTransfers {

    /** The default {@code errorCode} of a transfer failed by the fail-next flag (one of Circle's transfer error codes). */
    public static final String DEFAULT_ERROR_CODE = "transfer_failed";

    private final IdempotencyStore<NewTransfer, Transfer> idempotency = new IdempotencyStore<>();
    private final Map<String, Transfer> transfers = new ConcurrentHashMap<>();
    /** The errorCode each pending transfer will fail with; absent when it will complete. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    private final AtomicReference<FailNext> failNext = new AtomicReference<>(FailNext.NONE);
    private final BusinessAccount account;
    private final DeveloperWallets wallets;
    private final WalletBalances balances;
    private final Notifications notifications;
    private final BackgroundTasks background;
    private final CircleTransferProperties properties;
    private final String masterWalletId;
    private final Clock clock;

    @Autowired
    public BusinessTransfers(
            BusinessAccount account,
            DeveloperWallets wallets,
            WalletBalances balances,
            Notifications notifications,
            BackgroundTasks background,
            CircleTransferProperties properties,
            CircleBusinessAccountProperties accountProperties) {
        this(account, wallets, balances, notifications, background, properties, accountProperties, Clock.systemUTC());
    }

    BusinessTransfers(
            BusinessAccount account,
            DeveloperWallets wallets,
            WalletBalances balances,
            Notifications notifications,
            BackgroundTasks background,
            CircleTransferProperties properties,
            CircleBusinessAccountProperties accountProperties,
            Clock clock) {
        this.account = account;
        this.wallets = wallets;
        this.balances = balances;
        this.notifications = notifications;
        this.background = background;
        this.properties = properties;
        this.masterWalletId = accountProperties.masterWalletId();
        this.clock = clock;
    }

    /**
     * What the next transfers made will fail with.
     *
     * @param remaining how many transfers are still to fail
     */
    public record FailNext(int remaining, String errorCode) {

        static final FailNext NONE = new FailNext(0, null);

        FailNext claimed() {
            return remaining <= 1 ? NONE : new FailNext(remaining - 1, errorCode);
        }
    }

    /**
     * Makes the transfer the first time its idempotency key is seen (and starts settling it); the same
     * transfer, as it is now, for the same request again.
     *
     * @throws CircleException 409 for a different request under a used key, 400 when the business
     *                         account has less than the amount (the key stays free)
     */
    public Outcome<Transfer> create(NewTransfer request) {
        Outcome<Transfer> outcome = idempotency.execute(request.idempotencyKey().toString(), request, () -> {
            if (!account.tryDebit(request.amount())) {
                throw CircleException.insufficientFunds(account.available().toPlainString());
            }
            Transfer transfer = Transfer.pending(SandboxIds.uuid().toString(), masterWalletId, request, now());
            FailNext claimed = failNext.getAndUpdate(FailNext::claimed);
            if (claimed.remaining() > 0) {
                failures.put(transfer.id(), claimed.errorCode());
            }
            transfers.put(transfer.id(), transfer);
            return transfer;
        });
        switch (outcome.kind()) {
            case CONFLICT -> throw CircleException.idempotencyKeyReused();
            case CREATED ->
                background.submit(notifications.notifyEach(
                        outcome.value().id(), NotificationBody.TRANSFERS, timeline(outcome.value(), request)));
            case REPLAYED -> {
                return new Outcome<>(
                        Outcome.Kind.REPLAYED, transfers.get(outcome.value().id()));
            }
        }
        return outcome;
    }

    public Optional<Transfer> transfer(String id) {
        return Optional.ofNullable(transfers.get(id));
    }

    /** Every transfer that {@code filter} accepts, oldest first. */
    public List<Transfer> transfers(Predicate<Transfer> filter) {
        return transfers.values().stream()
                .filter(filter)
                .sorted(Comparator.comparing(Transfer::createDate).thenComparing(Transfer::id))
                .toList();
    }

    /** Makes the next {@code count} transfers made fail with {@code errorCode}; 0 clears the flag. */
    public FailNext failNext(int count, String errorCode) {
        FailNext next = count == 0 ? FailNext.NONE : new FailNext(count, errorCode);
        failNext.set(next);
        return next;
    }

    /** Every delivery attempt of the transfer's notifications so far, oldest first; empty when none yet. */
    public List<NotificationDelivery> deliveries(String transferId) {
        return notifications.deliveries(transferId).orElse(List.of());
    }

    /** The transfer as made ({@code pending}), then as it ends after the settle delay. */
    private Flux<Notified> timeline(Transfer pending, NewTransfer request) {
        return Flux.concat(
                Mono.just(new Notified(pending.status(), pending)),
                Mono.delay(properties.settleDelay()).map(tick -> {
                    Transfer settled = settle(pending.id(), request);
                    return new Notified(settled.status(), settled);
                }));
    }

    private Transfer settle(String id, NewTransfer request) {
        String failure = failures.remove(id);
        Instant now = now();
        Transfer settled = transfers.computeIfPresent(
                id,
                (key, transfer) -> failure == null
                        ? transfer.completed(request.chain().newTxHash(ThreadLocalRandom.current()), now)
                        : transfer.failed(failure, now));
        if (failure != null) {
            account.credit(request.amount());
        } else {
            wallets.byAddress(request.address(), request.chain().family())
                    .ifPresent(wallet -> balances.credit(wallet.id(), request.amount()));
        }
        return settled;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
