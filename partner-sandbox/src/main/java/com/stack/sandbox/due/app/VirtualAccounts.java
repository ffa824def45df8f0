package com.stack.sandbox.due.app;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import com.stack.sandbox.due.domain.DueException;
import com.stack.sandbox.due.domain.NewVirtualAccount;
import com.stack.sandbox.due.domain.Rail;
import com.stack.sandbox.due.domain.VirtualAccount;
import com.stack.sandbox.partners.SandboxIds;
import com.stack.sandbox.wires.Wire;
import com.stack.sandbox.wires.WireReceiver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Due's virtual accounts, in memory: one per {@code reference} (a second with a reference in use is refused
 * with 409 {@code reference_already_exists}, and makes nothing), each with bank details of its own and a USD
 * balance. A wire to those details ({@link WireReceiver}: another emulated bank's, such as an Alpaca outgoing wire)
 * credits the balance; a transfer that names the account as its {@code sender} spends it ({@link #checkSender},
 * {@link #tryDebit}), and gets it back when it fails ({@link #credit}). Balances move by compare and set, so
 * concurrent transfers never overdraw one.
 */
@Service
public class VirtualAccounts implements WireReceiver {

    static final String BANK_NAME = "Due Sandbox Bank";
    static final String ROUTING_NUMBER = "026073150";

    /** By reference: the reference is what makes a virtual account unique. */
    private final Map<String, VirtualAccount> byReference = new ConcurrentHashMap<>();

    private final Map<String, VirtualAccount> byId = new ConcurrentHashMap<>();
    /** Ids by the account number of their details, which a wire is addressed to. */
    private final Map<String, String> byAccountNumber = new ConcurrentHashMap<>();

    private final Map<String, AtomicReference<BigDecimal>> balances = new ConcurrentHashMap<>();
    /** Ids in creation order, for the control API's list. */
    private final Queue<String> order = new ConcurrentLinkedQueue<>();

    private final Clock clock;

    @Autowired
    public VirtualAccounts() {
        this(Clock.systemUTC());
    }

    VirtualAccounts(Clock clock) {
        this.clock = clock;
    }

    /** @throws DueException 409 {@code reference_already_exists} when the reference names one already */
    public VirtualAccount create(NewVirtualAccount request) {
        String id = SandboxIds.prefixed("va_");
        String accountNumber = newAccountNumber(id);
        VirtualAccount made = new VirtualAccount(
                id,
                request.reference(),
                request.destination(),
                request.schemaIn(),
                request.currencyIn(),
                request.railOut(),
                request.currencyOut(),
                new VirtualAccount.Details("bank_us", accountNumber, ROUTING_NUMBER, BANK_NAME),
                zero().toPlainString(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (byReference.putIfAbsent(request.reference(), made) != null) {
            byAccountNumber.remove(accountNumber);
            throw new DueException(
                    409,
                    "reference_already_exists",
                    "A virtual account with the reference " + request.reference() + " exists",
                    "reference");
        }
        balances.put(id, new AtomicReference<>(zero()));
        byId.put(id, made);
        order.add(id);
        return made;
    }

    /** The virtual account with its balance now. */
    public Optional<VirtualAccount> virtualAccount(String id) {
        return Optional.ofNullable(byId.get(id)).map(this::withBalance);
    }

    /** Every virtual account, oldest first, or only the one with {@code reference} when given; with their balances now. */
    public List<VirtualAccount> virtualAccounts(String reference) {
        return order.stream()
                .map(byId::get)
                .filter(account -> reference == null || reference.equals(account.reference()))
                .map(this::withBalance)
                .toList();
    }

    /** Adds USD to the account's balance (a wire in, a failed transfer's amount back); empty for an unknown account. */
    public Optional<VirtualAccount> credit(String id, BigDecimal amount) {
        AtomicReference<BigDecimal> balance = balances.get(id);
        if (balance == null) {
            return Optional.empty();
        }
        balance.accumulateAndGet(amount, BigDecimal::add);
        return virtualAccount(id);
    }

    @Override
    public String routingNumber() {
        return ROUTING_NUMBER;
    }

    /** A wire to a virtual account's details: its balance credited at once. */
    @Override
    public boolean receive(Wire wire) {
        String id = byAccountNumber.get(wire.accountNumber());
        return id != null && credit(id, wire.amount()).isPresent();
    }

    /**
     * A transfer's {@code sender}, when it names a virtual account ({@code va_...}): the account sends USD only;
     * converted, only to its own {@code railOut} and {@code destination}; as USD ({@code bank_us}), to any bank
     * recipient.
     *
     * @throws DueException 404 for an unknown virtual account, 400 when the transfer goes elsewhere
     */
    void checkSender(String sender, Rail sourceRail, Rail destinationRail, String destinationAddress) {
        if (!isVirtualAccount(sender)) {
            return;
        }
        VirtualAccount account =
                virtualAccount(sender).orElseThrow(() -> DueException.notFound("No virtual account " + sender));
        if (sourceRail.onChain()) {
            throw DueException.invalid(
                    "sender", "The virtual account " + sender + " sends USD, not " + sourceRail.currency());
        }
        if (destinationRail.onChain()
                && (!account.railOut().equals(destinationRail.wireName())
                        || !account.destination().equals(destinationAddress))) {
            throw DueException.invalid(
                    "sender",
                    "The virtual account " + sender + " converts to " + account.railOut() + " " + account.destination()
                            + " only");
        }
    }

    /**
     * Takes {@code amount} from the account's balance.
     *
     * @throws DueException 400 {@code insufficient_funds} (field {@code sender}) when the balance is short
     */
    void tryDebit(String id, BigDecimal amount) {
        AtomicReference<BigDecimal> balance = balances.get(id);
        while (true) {
            BigDecimal current = balance.get();
            if (current.compareTo(amount) < 0) {
                throw new DueException(
                        400,
                        "insufficient_funds",
                        "The virtual account " + id + " holds " + current.toPlainString() + " USD, less than "
                                + amount.toPlainString(),
                        "sender");
            }
            if (balance.compareAndSet(current, current.subtract(amount))) {
                return;
            }
        }
    }

    static boolean isVirtualAccount(String sender) {
        return sender != null && sender.startsWith("va_");
    }

    private VirtualAccount withBalance(VirtualAccount account) {
        return account.withBalance(balances.get(account.id()).get().toPlainString());
    }

    /** A fresh 10-digit account number, no other account's. */
    private String newAccountNumber(String id) {
        while (true) {
            String number = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 10_000_000_000L));
            if (byAccountNumber.putIfAbsent(number, id) == null) {
                return number;
            }
        }
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2);
    }
}
