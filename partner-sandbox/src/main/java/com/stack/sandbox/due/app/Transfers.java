package com.stack.sandbox.due.app;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.stack.contracts.chains.EthereumAddress;
import com.stack.contracts.chains.SolanaAddress;
import com.stack.sandbox.circle.wallets.app.DeveloperWallets;
import com.stack.sandbox.circle.wallets.app.WalletBalances;
import com.stack.sandbox.circle.wallets.domain.Blockchain;
import com.stack.sandbox.due.config.DueSandboxProperties;
import com.stack.sandbox.due.domain.DueException;
import com.stack.sandbox.due.domain.NewTransfer;
import com.stack.sandbox.due.domain.Quote;
import com.stack.sandbox.due.domain.Rail;
import com.stack.sandbox.due.domain.Recipient;
import com.stack.sandbox.due.domain.StatusChange;
import com.stack.sandbox.due.domain.Transfer;
import com.stack.sandbox.due.domain.TransferStatus;
import com.stack.sandbox.due.domain.WebhookDelivery;
import com.stack.sandbox.due.domain.WebhookEvent;
import com.stack.sandbox.partners.BackgroundTasks;
import com.stack.sandbox.partners.IdempotencyStore;
import com.stack.sandbox.partners.IdempotencyStore.Outcome;
import com.stack.sandbox.partners.SandboxIds;
import com.stack.sandbox.wires.Wire;
import com.stack.sandbox.wires.WireNetwork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Due's transfers: made {@code pending} from a quote (used once), {@code processing} after half the
 * settle delay and {@code completed} (or {@code failed} with a {@code failureReason}) after all of it,
 * each change announced to the webhook endpoints ({@link TransferWebhooks}). Timers, no thread waits.
 * Whether a transfer fails is decided when it is made: a fail-next flag, or a failing recipient. A completed
 * on-ramp to the address of one of the sandbox's Circle wallets (of the quote's chain) credits that wallet
 * with the USDC it received, as a completed Circle business-account transfer does: the same USDC a
 * withdrawal then sends on from the wallet. A transfer whose {@code sender} is a virtual account spends that
 * account's USD balance: the quote's source amount is taken when the transfer is made (400 {@code insufficient_funds}
 * when the balance is short) and put back when it fails; converted, it goes only where the account sends
 * ({@link VirtualAccounts#checkSender}); as USD ({@code bank_us} to {@code bank_us}) it pays a bank recipient. A
 * completed payout to a bank recipient is a wire to the recipient's routing and account number
 * ({@link WireNetwork}): into another emulated bank (an Alpaca account: an incoming wire with the transfer's memo),
 * or out of the sandbox; a transfer to an emulated bank without that account fails ({@value #NO_SUCH_ACCOUNT}).
 */
@Service
public class Transfers {

    /** The failureReason of a payout to an emulated bank that has no account with the recipient's number. */
    static final String NO_SUCH_ACCOUNT = "recipient_account_not_found";

    private final IdempotencyStore<NewTransfer, Transfer> idempotency = new IdempotencyStore<>();
    private final Map<String, Transfer> transfers = new ConcurrentHashMap<>();
    /** Ids in creation order, for the control API's list. */
    private final Queue<String> order = new ConcurrentLinkedQueue<>();
    /** The failureReason each unsettled transfer will fail with; absent when it will complete. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    /** Recipients whose transfers fail, with the reason. */
    private final Map<String, String> failingRecipients = new ConcurrentHashMap<>();

    private final AtomicReference<FailNext> failNext = new AtomicReference<>(FailNext.NONE);
    /** The USD each unsettled transfer took from its sender virtual account: put back if it fails. */
    private final Map<String, Debit> debits = new ConcurrentHashMap<>();

    private final Quotes quotes;
    private final Recipients recipients;
    private final VirtualAccounts virtualAccounts;
    private final WebhookEndpoints endpoints;
    private final TransferWebhooks webhooks;
    private final BackgroundTasks background;
    private final DeveloperWallets wallets;
    private final WalletBalances balances;
    private final WireNetwork network;
    private final DueSandboxProperties properties;
    private final Clock clock;

    @Autowired
    public Transfers(
            Quotes quotes,
            Recipients recipients,
            VirtualAccounts virtualAccounts,
            WebhookEndpoints endpoints,
            TransferWebhooks webhooks,
            BackgroundTasks background,
            DeveloperWallets wallets,
            WalletBalances balances,
            WireNetwork network,
            DueSandboxProperties properties) {
        this(
                quotes,
                recipients,
                virtualAccounts,
                endpoints,
                webhooks,
                background,
                wallets,
                balances,
                network,
                properties,
                Clock.systemUTC());
    }

    Transfers(
            Quotes quotes,
            Recipients recipients,
            VirtualAccounts virtualAccounts,
            WebhookEndpoints endpoints,
            TransferWebhooks webhooks,
            BackgroundTasks background,
            DeveloperWallets wallets,
            WalletBalances balances,
            WireNetwork network,
            DueSandboxProperties properties,
            Clock clock) {
        this.quotes = quotes;
        this.recipients = recipients;
        this.virtualAccounts = virtualAccounts;
        this.endpoints = endpoints;
        this.webhooks = webhooks;
        this.background = background;
        this.wallets = wallets;
        this.balances = balances;
        this.network = network;
        this.properties = properties;
        this.clock = clock;
        properties.failingRecipients().forEach(id -> failingRecipients.put(id, properties.failureReason()));
    }

    /**
     * What the next transfers made will fail with.
     *
     * @param remaining how many transfers are still to fail
     */
    public record FailNext(int remaining, String failureReason) {

        static final FailNext NONE = new FailNext(0, null);

        FailNext claimed() {
            return remaining <= 1 ? NONE : new FailNext(remaining - 1, failureReason);
        }
    }

    /**
     * Makes the transfer the first time its idempotency key is seen (using up its quote) and starts
     * settling it; the same transfer, as it is now, for the same request again (with any quote: the first
     * attempt used its quote up); a 409 for a different request under a used key. Without a key every request makes a transfer.
     *
     * @param idempotencyKey {@code null} when the request has none
     */
    public Outcome<Transfer> create(String idempotencyKey, NewTransfer request) {
        if (idempotencyKey == null) {
            Transfer made = make(request);
            settle(made);
            return new Outcome<>(Outcome.Kind.CREATED, made);
        }
        Outcome<Transfer> outcome = idempotency.execute(idempotencyKey, request.sameRequest(), () -> make(request));
        return switch (outcome.kind()) {
            case CONFLICT -> throw DueException.idempotencyConflict();
            case CREATED -> {
                settle(outcome.value());
                yield outcome;
            }
            case REPLAYED ->
                new Outcome<>(
                        Outcome.Kind.REPLAYED, transfers.get(outcome.value().id()));
        };
    }

    public Optional<Transfer> transfer(String id) {
        return Optional.ofNullable(transfers.get(id));
    }

    /** The transfers that pass {@code filter}, oldest first. */
    public List<Transfer> transfers(Predicate<Transfer> filter) {
        return order.stream().map(transfers::get).filter(filter).toList();
    }

    /** Makes the next {@code count} transfers made fail with {@code failureReason}; 0 clears the flag. */
    public FailNext failNext(int count, String failureReason) {
        FailNext next = count == 0 ? FailNext.NONE : new FailNext(count, failureReason);
        failNext.set(next);
        return next;
    }

    /** Transfers to {@code recipientId} made from now on fail with {@code failureReason}; empty for an unknown recipient. */
    public Optional<String> failRecipient(String recipientId, String failureReason) {
        return recipients.recipient(recipientId).map(recipient -> {
            failingRecipients.put(recipient.id(), failureReason);
            return failureReason;
        });
    }

    /** Transfers to {@code recipientId} made from now on complete again. */
    public void stopFailingRecipient(String recipientId) {
        failingRecipients.remove(recipientId);
    }

    /** Every delivery attempt of the transfer's webhooks so far, oldest first. */
    public List<WebhookDelivery> deliveries(String transferId) {
        return webhooks.deliveries(transferId);
    }

    private Transfer make(NewTransfer request) {
        String id = SandboxIds.prefixed("tf_");
        // the sender's USD is taken inside the quote's check: a refusal leaves the quote unused and the balance whole
        Quote quote = quotes.use(request.quote(), id, used -> {
            checkDestination(request, used);
            if (VirtualAccounts.isVirtualAccount(request.sender())) {
                BigDecimal amount = new BigDecimal(used.source().amount());
                virtualAccounts.tryDebit(request.sender(), amount);
                debits.put(id, new Debit(request.sender(), amount));
            }
        });
        Transfer transfer = Transfer.pending(id, request, quote, now());
        failureReason(request).ifPresent(reason -> failures.put(id, reason));
        transfers.put(id, transfer);
        order.add(id);
        return transfer;
    }

    /**
     * An off-ramp pays a known recipient; an on-ramp a valid address on the quote's chain; a {@code bank_us} payout
     * a known recipient from a virtual account's balance.
     */
    private void checkDestination(NewTransfer request, Quote quote) {
        Rail source = Rail.named(quote.source().rail()).orElseThrow();
        Rail destination = quote.destinationRail();
        if (source == Rail.BANK_US && !VirtualAccounts.isVirtualAccount(request.sender())) {
            throw DueException.invalid(
                    "sender",
                    "A transfer from bank_us pays out a virtual account's USD: sender must be" + " a virtual account");
        }
        checkRecipientOrAddress(request, destination);
        virtualAccounts.checkSender(request.sender(), source, destination, request.destinationAddress());
    }

    private void checkRecipientOrAddress(NewTransfer request, Rail destination) {
        if (!destination.onChain()) {
            if (request.recipient() == null) {
                throw DueException.invalid(
                        "recipient", "A transfer to " + destination.wireName() + " needs a recipient");
            }
            if (request.destinationAddress() != null) {
                throw DueException.invalid(
                        "destinationAddress", "A transfer to a bank account has no destinationAddress");
            }
            if (recipients.recipient(request.recipient()).isEmpty()) {
                throw DueException.notFound("No recipient " + request.recipient());
            }
            return;
        }
        if (request.recipient() != null) {
            throw DueException.invalid(
                    "recipient",
                    "A transfer to " + destination.wireName() + " goes to a destinationAddress, not a recipient");
        }
        if (request.destinationAddress() == null) {
            throw DueException.invalid(
                    "destinationAddress", "A transfer to " + destination.wireName() + " needs a destinationAddress");
        }
        boolean valid = destination == Rail.ETHEREUM
                ? EthereumAddress.isValid(request.destinationAddress())
                : SolanaAddress.isValid(request.destinationAddress());
        if (!valid) {
            throw DueException.invalid(
                    "destinationAddress", "destinationAddress is not a valid " + destination.wireName() + " address");
        }
    }

    private Optional<String> failureReason(NewTransfer request) {
        FailNext claimed = failNext.getAndUpdate(FailNext::claimed);
        if (claimed.remaining() > 0) {
            return Optional.of(claimed.failureReason());
        }
        return request.recipient() == null
                ? Optional.empty()
                : Optional.ofNullable(failingRecipients.get(request.recipient()));
    }

    /** processing after half the settle delay, the end after all of it; announced to the endpoints of now. */
    private void settle(Transfer transfer) {
        Duration half = properties.settleDelay().dividedBy(2);
        Flux<StatusChange> changes = Flux.concat(
                        Mono.delay(half).map(tick -> advance(transfer.id(), TransferStatus.PROCESSING, null)),
                        Mono.delay(properties.settleDelay().minus(half)).map(tick -> finish(transfer.id())))
                .cache();
        background.submit(webhooks.announce(
                transfer.id(), changes, endpoints.subscribedTo(WebhookEvent.TRANSFER_STATUS_CHANGED)));
    }

    /**
     * The end of a transfer: failed as decided when it was made, or when its payout's wire finds no account at an
     * emulated bank (the sender's USD back), else completed.
     */
    private StatusChange finish(String id) {
        String reason = failures.remove(id);
        if (reason == null && wire(transfers.get(id)) == WireNetwork.Delivery.NO_SUCH_ACCOUNT) {
            reason = NO_SUCH_ACCOUNT;
        }
        Debit debit = debits.remove(id);
        if (reason != null && debit != null) {
            virtualAccounts.credit(debit.virtualAccount(), debit.amount());
        }
        return advance(id, reason == null ? TransferStatus.COMPLETED : TransferStatus.FAILED, reason);
    }

    /** A payout to a bank recipient wires what the destination receives to the recipient's account; null for an on-ramp. */
    private WireNetwork.Delivery wire(Transfer transfer) {
        if (transfer.recipient() == null) {
            return null;
        }
        Recipient.BankDetails bank =
                recipients.recipient(transfer.recipient()).orElseThrow().details();
        return network.send(new Wire(
                bank.routingNumber(),
                bank.accountNumber(),
                new BigDecimal(transfer.destination().amount()),
                transfer.memo()));
    }

    private StatusChange advance(String id, String status, String failureReason) {
        Instant now = now();
        Transfer[] previous = new Transfer[1];
        transfers.computeIfPresent(id, (key, transfer) -> {
            previous[0] = transfer;
            return transfer.advanced(status, failureReason, now);
        });
        if (TransferStatus.COMPLETED.equals(status)) {
            creditWallet(previous[0]);
        }
        return new StatusChange(SandboxIds.prefixed("wh_evt_"), id, status, previous[0].status(), failureReason, now);
    }

    /** An on-ramp's USDC lands in the sandbox's wallet at its address, if there is one on the quote's chain. */
    private void creditWallet(Transfer completed) {
        if (completed.destinationAddress() == null) {
            return;
        }
        Blockchain.Family family = Rail.named(completed.destination().rail()).orElseThrow() == Rail.SOLANA
                ? Blockchain.Family.SOLANA
                : Blockchain.Family.EVM;
        wallets.byAddress(completed.destinationAddress(), family)
                .ifPresent(wallet -> balances.credit(
                        wallet.id(), new BigDecimal(completed.destination().amount())));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** USD a transfer took from its sender virtual account. */
    private record Debit(String virtualAccount, BigDecimal amount) {}
}
