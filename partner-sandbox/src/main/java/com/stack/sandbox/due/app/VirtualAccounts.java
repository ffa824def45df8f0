package com.stack.sandbox.due.app;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

import com.stack.sandbox.due.domain.DueException;
import com.stack.sandbox.due.domain.NewVirtualAccount;
import com.stack.sandbox.due.domain.Rail;
import com.stack.sandbox.due.domain.VirtualAccount;
import com.stack.sandbox.partners.SandboxIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Due's virtual accounts, in memory: one per {@code reference} (a second with a reference in use is refused
 * with 409 {@code reference_already_exists}, and makes nothing), each with bank details of its own. USD paid
 * into one is converted by a transfer that names it as its {@code sender} ({@link #checkSender}).
 */
@Service
public class VirtualAccounts {

    static final String BANK_NAME = "Due Sandbox Bank";
    private static final String ROUTING_NUMBER = "026073150";

    /** By reference: the reference is what makes a virtual account unique. */
    private final Map<String, VirtualAccount> byReference = new ConcurrentHashMap<>();
    private final Map<String, VirtualAccount> byId = new ConcurrentHashMap<>();
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
        VirtualAccount made = new VirtualAccount(SandboxIds.prefixed("va_"), request.reference(), request.destination(),
                request.schemaIn(), request.currencyIn(), request.railOut(), request.currencyOut(),
                new VirtualAccount.Details("bank_us", accountNumber(), ROUTING_NUMBER, BANK_NAME),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (byReference.putIfAbsent(request.reference(), made) != null) {
            throw new DueException(409, "reference_already_exists", "A virtual account with the reference "
                    + request.reference() + " exists", "reference");
        }
        byId.put(made.id(), made);
        order.add(made.id());
        return made;
    }

    public Optional<VirtualAccount> virtualAccount(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every virtual account, oldest first, or only the one with {@code reference} when given. */
    public List<VirtualAccount> virtualAccounts(String reference) {
        return order.stream().map(byId::get).filter(account -> reference == null || reference.equals(account.reference()))
                .toList();
    }

    /**
     * A transfer's {@code sender}, when it names a virtual account ({@code va_...}): USD paid into that account
     * is converted to its own {@code railOut} and sent to its own {@code destination}, nowhere else.
     *
     * @throws DueException 404 for an unknown virtual account, 400 when the transfer goes elsewhere
     */
    void checkSender(String sender, Rail destinationRail, String destinationAddress) {
        if (sender == null || !sender.startsWith("va_")) {
            return;
        }
        VirtualAccount account = virtualAccount(sender).orElseThrow(() -> DueException.notFound("No virtual account " + sender));
        if (!account.railOut().equals(destinationRail.wireName()) || !account.destination().equals(destinationAddress)) {
            throw DueException.invalid("sender", "The virtual account " + sender + " converts to " + account.railOut()
                    + " " + account.destination() + " only");
        }
    }

    private static String accountNumber() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 10_000_000_000L));
    }
}
