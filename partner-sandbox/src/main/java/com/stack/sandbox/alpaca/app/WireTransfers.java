package com.stack.sandbox.alpaca.app;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import com.stack.sandbox.alpaca.config.AlpacaSandboxProperties;
import com.stack.sandbox.alpaca.domain.Account;
import com.stack.sandbox.alpaca.domain.AlpacaException;
import com.stack.sandbox.alpaca.domain.NewTransfer;
import com.stack.sandbox.alpaca.domain.RecipientBank;
import com.stack.sandbox.alpaca.domain.Transfer;
import com.stack.sandbox.alpaca.domain.TransferStatus;
import com.stack.sandbox.partners.BackgroundTasks;
import com.stack.sandbox.partners.IdempotencyStore;
import com.stack.sandbox.partners.IdempotencyStore.Outcome;
import com.stack.sandbox.partners.SandboxIds;
import com.stack.sandbox.wires.Wire;
import com.stack.sandbox.wires.WireNetwork;
import com.stack.sandbox.wires.WireReceiver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Alpaca's wire transfers of an account's cash. An {@code OUTGOING} wire to one of the account's recipient banks
 * takes the cash when it is made ({@code QUEUED}; refused with 403 when the cash is short), is
 * {@code SENT_TO_CLEARING} after half the settle delay and {@code COMPLETE} after all of it, when it reaches the
 * bank (another emulated bank, through the {@link WireNetwork}, or one outside the sandbox); or {@code REJECTED},
 * the cash back in the account: decided when it is made (a reject-next flag, a rejecting account), or when the
 * receiving emulated bank has no such account. An {@code INCOMING} wire is another emulated bank's wire to
 * Alpaca's routing number and an account's number ({@link WireReceiver}): it goes through the same statuses and
 * credits the account's cash when {@code COMPLETE}. Every status change is an event of {@link TransferEvents}.
 */
@Service
public class WireTransfers implements WireReceiver {

    static final String REJECTED_BY_SANDBOX = "rejected by the sandbox";

    private final IdempotencyStore<NewTransfer, Transfer> idempotency = new IdempotencyStore<>();
    private final Map<String, Transfer> transfers = new ConcurrentHashMap<>();
    /** Ids in creation order. */
    private final Queue<String> order = new ConcurrentLinkedQueue<>();
    /** The outgoing wires that will be rejected, until they are. */
    private final Set<String> rejections = ConcurrentHashMap.newKeySet();

    private final RejectSwitch rejectSwitch;
    private final Accounts accounts;
    private final RecipientBanks banks;
    private final TransferEvents events;
    private final BackgroundTasks background;
    private final WireNetwork network;
    private final AlpacaSandboxProperties properties;
    private final Clock clock;

    @Autowired
    public WireTransfers(
            Accounts accounts,
            RecipientBanks banks,
            TransferEvents events,
            BackgroundTasks background,
            WireNetwork network,
            AlpacaSandboxProperties properties) {
        this(accounts, banks, events, background, network, properties, Clock.systemUTC());
    }

    WireTransfers(
            Accounts accounts,
            RecipientBanks banks,
            TransferEvents events,
            BackgroundTasks background,
            WireNetwork network,
            AlpacaSandboxProperties properties,
            Clock clock) {
        this.accounts = accounts;
        this.rejectSwitch = new RejectSwitch(accounts);
        this.banks = banks;
        this.events = events;
        this.background = background;
        this.network = network;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Makes the outgoing wire the first time its idempotency key is seen and starts settling it; the same
     * transfer, as it is now, for the same request again; a 422 for a different request under a used key.
     * Without a key every request makes one. A refused request leaves its key free.
     *
     * @param idempotencyKey {@code null} when the request has none
     * @throws AlpacaException 404 for an unknown account, 422 for a bank that is not the account's, 403 when
     *                         the cash is short
     */
    public Outcome<Transfer> create(String idempotencyKey, NewTransfer request) {
        if (idempotencyKey == null) {
            Transfer made = makeOutgoing(request);
            settle(made.id());
            return new Outcome<>(Outcome.Kind.CREATED, made);
        }
        Outcome<Transfer> outcome = idempotency.execute(idempotencyKey, request, () -> makeOutgoing(request));
        return switch (outcome.kind()) {
            case CONFLICT ->
                throw AlpacaException.unprocessable("the Idempotency-Key was used before with a different request");
            case CREATED -> {
                settle(outcome.value().id());
                yield outcome;
            }
            case REPLAYED ->
                new Outcome<>(
                        Outcome.Kind.REPLAYED, transfers.get(outcome.value().id()));
        };
    }

    /**
     * The account's transfers, newest first, in one direction or both.
     *
     * @throws AlpacaException 404 for an unknown account
     */
    public List<Transfer> transfers(String accountId, String direction) {
        if (accounts.account(accountId).isEmpty()) {
            throw AlpacaException.notFound("account not found: " + accountId);
        }
        List<Transfer> found =
                new ArrayList<>(transfers(transfer -> transfer.accountId().equals(accountId)
                        && (direction == null || direction.equals(transfer.direction()))));
        Collections.reverse(found);
        return found;
    }

    /** The transfers that pass {@code filter}, oldest first. */
    public List<Transfer> transfers(Predicate<Transfer> filter) {
        return order.stream().map(transfers::get).filter(filter).toList();
    }

    public Optional<Transfer> transfer(String id) {
        return Optional.ofNullable(transfers.get(id));
    }

    /** The switch that rejects outgoing wires: the next ones made, or those from an account. */
    public RejectSwitch rejectSwitch() {
        return rejectSwitch;
    }

    @Override
    public String routingNumber() {
        return properties.incomingWire().routingNumber();
    }

    /** An emulated bank's wire to an account's number: an {@code INCOMING} transfer of that account, settling now. */
    @Override
    public boolean receive(Wire wire) {
        Optional<Account> account = accounts.byAccountNumber(wire.accountNumber());
        if (account.isEmpty()) {
            return false;
        }
        Transfer incoming = Transfer.queued(
                SandboxIds.uuid().toString(),
                account.get().id(),
                Transfer.INCOMING,
                wire.amount().toPlainString(),
                null,
                wire.memo(),
                now());
        record(incoming);
        settle(incoming.id());
        return true;
    }

    private Transfer makeOutgoing(NewTransfer request) {
        if (accounts.account(request.accountId()).isEmpty()) {
            throw AlpacaException.notFound("account not found: " + request.accountId());
        }
        if (banks.bank(request.accountId(), request.bankId()).isEmpty()) {
            throw AlpacaException.unprocessable(
                    "bank_id is not an approved recipient bank of the account: " + request.bankId());
        }
        if (!accounts.tryDebit(request.accountId(), request.amount())) {
            throw AlpacaException.forbidden("insufficient funds");
        }
        Transfer transfer = Transfer.queued(
                SandboxIds.uuid().toString(),
                request.accountId(),
                Transfer.OUTGOING,
                request.amount().toPlainString(),
                request.bankId(),
                request.additionalInformation(),
                now());
        if (rejectSwitch.rejects(request.accountId())) {
            rejections.add(transfer.id());
        }
        record(transfer);
        return transfer;
    }

    private void record(Transfer transfer) {
        transfers.put(transfer.id(), transfer);
        order.add(transfer.id());
        events.append(transfer, TransferStatus.NONE);
    }

    private void settle(String id) {
        Duration half = properties.settleDelay().dividedBy(2);
        background.submit(Mono.delay(half)
                .doOnNext(tick -> advance(id, TransferStatus.SENT_TO_CLEARING, null))
                .then(Mono.delay(properties.settleDelay().minus(half)))
                .doOnNext(tick -> finish(transfers.get(id))));
    }

    /** The end of a transfer: where its cash goes, and its last status. */
    private void finish(Transfer transfer) {
        BigDecimal amount = new BigDecimal(transfer.amount());
        if (!transfer.outgoing()) {
            accounts.credit(transfer.accountId(), amount);
            advance(transfer.id(), TransferStatus.COMPLETE, null);
            return;
        }
        if (rejections.remove(transfer.id())) {
            accounts.credit(transfer.accountId(), amount);
            advance(transfer.id(), TransferStatus.REJECTED, REJECTED_BY_SANDBOX);
            return;
        }
        RecipientBank bank = banks.bank(transfer.accountId(), transfer.bankId()).orElseThrow();
        // a BIC names a bank outside the sandbox's ABA routing numbers: the wire leaves the sandbox
        WireNetwork.Delivery delivery = RecipientBank.ABA.equals(bank.bankCodeType())
                ? network.send(
                        new Wire(bank.bankCode(), bank.accountNumber(), amount, transfer.additionalInformation()))
                : WireNetwork.Delivery.OUTSIDE_SANDBOX;
        if (delivery == WireNetwork.Delivery.NO_SUCH_ACCOUNT) {
            accounts.credit(transfer.accountId(), amount);
            advance(
                    transfer.id(),
                    TransferStatus.REJECTED,
                    "the receiving bank has no account " + bank.accountNumber());
            return;
        }
        advance(transfer.id(), TransferStatus.COMPLETE, null);
    }

    private void advance(String id, String status, String reason) {
        Instant now = now();
        Transfer previous = transfers.get(id);
        Transfer next = previous.advanced(status, reason, now);
        transfers.put(id, next);
        events.append(next, previous.status());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
