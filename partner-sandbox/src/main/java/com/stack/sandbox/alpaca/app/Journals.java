package com.stack.sandbox.alpaca.app;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import com.stack.sandbox.alpaca.config.AlpacaSandboxProperties;
import com.stack.sandbox.alpaca.domain.AlpacaException;
import com.stack.sandbox.alpaca.domain.Journal;
import com.stack.sandbox.alpaca.domain.JournalStatus;
import com.stack.sandbox.alpaca.domain.NewJournal;
import com.stack.sandbox.partners.BackgroundTasks;
import com.stack.sandbox.partners.IdempotencyStore;
import com.stack.sandbox.partners.IdempotencyStore.Outcome;
import com.stack.sandbox.partners.SandboxIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Alpaca's cash journals (JNLC) between the firm account and a user account. The amount leaves the
 * from account when the journal is made ({@code queued}; refused with 403 when the cash is short),
 * the journal is {@code sent_to_clearing} after half the settle delay and {@code executed} after all
 * of it, crediting the to account; or {@code rejected}, refunding the from account. Whether it is
 * rejected is decided when it is made (a reject-next flag, or a rejecting account on either side).
 * Every status change is an event of {@link JournalEvents}.
 */
@Service
public class Journals {

    private final IdempotencyStore<NewJournal, Journal> idempotency = new IdempotencyStore<>();
    private final Map<String, Journal> journals = new ConcurrentHashMap<>();
    private final Queue<String> order = new ConcurrentLinkedQueue<>();
    /** The journals that will be rejected, until they are. */
    private final Set<String> rejections = ConcurrentHashMap.newKeySet();

    private final RejectSwitch rejectSwitch;
    private final Accounts accounts;
    private final JournalEvents events;
    private final BackgroundTasks background;
    private final AlpacaSandboxProperties properties;
    private final Clock clock;

    @Autowired
    public Journals(
            Accounts accounts, JournalEvents events, BackgroundTasks background, AlpacaSandboxProperties properties) {
        this(accounts, events, background, properties, Clock.systemUTC());
    }

    Journals(
            Accounts accounts,
            JournalEvents events,
            BackgroundTasks background,
            AlpacaSandboxProperties properties,
            Clock clock) {
        this.accounts = accounts;
        this.events = events;
        this.background = background;
        this.properties = properties;
        this.clock = clock;
        this.rejectSwitch = new RejectSwitch(accounts);
        properties.rejectingAccounts().forEach(id -> rejectSwitch.rejectFromStart(id.toString()));
    }

    /**
     * Makes the journal the first time its idempotency key is seen and starts settling it; the same
     * journal, as it is now, for the same request again; a 422 for a different request under a used
     * key. Without a key every request makes one. A refused request leaves its key free.
     *
     * @param idempotencyKey {@code null} when the request has none
     */
    public Outcome<Journal> create(String idempotencyKey, NewJournal request) {
        if (idempotencyKey == null) {
            Journal made = make(request);
            settle(made);
            return new Outcome<>(Outcome.Kind.CREATED, made);
        }
        Outcome<Journal> outcome = idempotency.execute(idempotencyKey, request, () -> make(request));
        return switch (outcome.kind()) {
            case CONFLICT ->
                throw AlpacaException.unprocessable("the Idempotency-Key was used before with a different request");
            case CREATED -> {
                settle(outcome.value());
                yield outcome;
            }
            case REPLAYED ->
                new Outcome<>(
                        Outcome.Kind.REPLAYED, journals.get(outcome.value().id()));
        };
    }

    public Optional<Journal> journal(String id) {
        return Optional.ofNullable(journals.get(id));
    }

    /** The journals that pass {@code filter}, oldest first. */
    public List<Journal> journals(Predicate<Journal> filter) {
        return order.stream().map(journals::get).filter(filter).toList();
    }

    /** The switch that rejects journals: the next ones made, or those to or from an account. */
    public RejectSwitch rejectSwitch() {
        return rejectSwitch;
    }

    private Journal make(NewJournal request) {
        for (String account : List.of(request.fromAccount(), request.toAccount())) {
            if (accounts.account(account).isEmpty()) {
                throw AlpacaException.notFound("account not found: " + account);
            }
        }
        if (accounts.isFirm(request.fromAccount()) == accounts.isFirm(request.toAccount())) {
            throw AlpacaException.unprocessable("a cash journal must be between the firm account and a user account");
        }
        if (!accounts.tryDebit(request.fromAccount(), request.amount())) {
            throw AlpacaException.forbidden("insufficient funds: the from_account has less than "
                    + request.amount().toPlainString());
        }
        String id = SandboxIds.uuid().toString();
        Journal journal = Journal.queued(id, request, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        if (rejected(request)) {
            rejections.add(id);
        }
        journals.put(id, journal);
        order.add(id);
        events.append(id, JournalStatus.NONE, JournalStatus.QUEUED);
        return journal;
    }

    private boolean rejected(NewJournal request) {
        return rejectSwitch.rejects(request.fromAccount(), request.toAccount());
    }

    private void settle(Journal journal) {
        Duration half = properties.settleDelay().dividedBy(2);
        background.submit(Mono.delay(half)
                .doOnNext(tick -> advance(journal.id(), JournalStatus.SENT_TO_CLEARING))
                .then(Mono.delay(properties.settleDelay().minus(half)))
                .doOnNext(tick -> {
                    BigDecimal amount = new BigDecimal(journal.amount());
                    if (rejections.remove(journal.id())) {
                        accounts.credit(journal.fromAccount(), amount);
                        advance(journal.id(), JournalStatus.REJECTED);
                    } else {
                        accounts.credit(journal.toAccount(), amount);
                        advance(journal.id(), JournalStatus.EXECUTED);
                    }
                }));
    }

    private void advance(String id, String status) {
        Journal previous = journals.get(id);
        journals.put(id, previous.inStatus(status));
        events.append(id, previous.status(), status);
    }
}
