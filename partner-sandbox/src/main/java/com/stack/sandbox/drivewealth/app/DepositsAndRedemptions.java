package com.stack.sandbox.drivewealth.app;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import com.stack.sandbox.drivewealth.domain.DriveWealthException;
import com.stack.sandbox.drivewealth.domain.Funding;
import com.stack.sandbox.drivewealth.domain.FundingKind;
import com.stack.sandbox.drivewealth.domain.FundingStatus;
import com.stack.sandbox.drivewealth.domain.NewFunding;
import com.stack.sandbox.partners.BackgroundTasks;
import com.stack.sandbox.partners.IdempotencyStore;
import com.stack.sandbox.partners.IdempotencyStore.Outcome;
import com.stack.sandbox.partners.SandboxIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * DriveWealth's deposits and redemptions. Each is created PENDING under its Idempotency-Key (when one
 * is given) and, after the settle delay (a timer, no thread waits), optionally passes through
 * PROCESSING and ends SUCCESSFUL or REJECTED; every change after creation is an event on the queue
 * ({@link FundingEvents}). A deposit credits the account's cash when it succeeds; a redemption debits
 * it at creation, checked and taken in one step, and credits it back when rejected. Whether one is
 * rejected is decided when it is created: its account is marked to reject funding, or (deposits) a
 * fail-next flag was set.
 */
@Service
public class DepositsAndRedemptions {

    public static final String DEFAULT_REJECTION = "Rejected by the partner sandbox";

    private final IdempotencyStore<NewFunding, Funding> idempotency = new IdempotencyStore<>();
    private final Map<String, Funding> fundings = new ConcurrentHashMap<>();
    /** The reason each pending deposit or redemption will be rejected with; absent when it will succeed. */
    private final Map<String, String> rejections = new ConcurrentHashMap<>();

    private final Map<String, String> rejectingAccounts = new ConcurrentHashMap<>();
    private final AtomicReference<FailNext> failNextDeposits = new AtomicReference<>(FailNext.NONE);
    private final DriveWealthAccounts accounts;
    private final FundingEvents events;
    private final BackgroundTasks background;
    private final DriveWealthProperties properties;
    private final Clock clock;

    @Autowired
    public DepositsAndRedemptions(
            DriveWealthAccounts accounts,
            FundingEvents events,
            BackgroundTasks background,
            DriveWealthProperties properties) {
        this(accounts, events, background, properties, Clock.systemUTC());
    }

    DepositsAndRedemptions(
            DriveWealthAccounts accounts,
            FundingEvents events,
            BackgroundTasks background,
            DriveWealthProperties properties,
            Clock clock) {
        this.accounts = accounts;
        this.events = events;
        this.background = background;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * What the next deposits created will be rejected with.
     *
     * @param remaining how many deposits are still to be rejected
     */
    public record FailNext(int remaining, String reason) {

        static final FailNext NONE = new FailNext(0, null);

        FailNext claimed() {
            return remaining <= 1 ? NONE : new FailNext(remaining - 1, reason);
        }
    }

    /**
     * Creates the deposit or redemption (and starts settling it); for an Idempotency-Key seen before,
     * the one made the first time, as it is now, or a 422 E041 for a different request.
     *
     * @param idempotencyKey {@code null} when the caller sent none: every request is then a new one
     * @throws DriveWealthException 404 E034 for an unknown account, 422 E030 for a redemption above the
     *                              cash available for withdrawal (the key then stays free)
     */
    public Outcome<Funding> create(NewFunding request, String idempotencyKey) {
        if (accounts.byAccountNo(request.accountNo()).isEmpty()) {
            throw DriveWealthException.notFound("No account " + request.accountNo());
        }
        Outcome<Funding> outcome = idempotencyKey == null
                ? new Outcome<>(Outcome.Kind.CREATED, make(request))
                : idempotency.execute(request.kind() + " " + idempotencyKey, request, () -> make(request));
        switch (outcome.kind()) {
            case CONFLICT -> throw DriveWealthException.idempotencyKeyReused();
            case CREATED -> background.submit(settlement(outcome.value().id()));
            case REPLAYED -> {
                return new Outcome<>(
                        Outcome.Kind.REPLAYED, fundings.get(outcome.value().id()));
            }
        }
        return outcome;
    }

    /** The deposit or redemption with this id, of this kind. */
    public Optional<Funding> find(FundingKind kind, String id) {
        return Optional.ofNullable(fundings.get(id)).filter(funding -> funding.kind() == kind);
    }

    /** Every deposit (or redemption), of one account when {@code accountNo} is given, oldest first. */
    public List<Funding> list(FundingKind kind, String accountNo) {
        return fundings.values().stream()
                .filter(funding -> funding.kind() == kind
                        && (accountNo == null || funding.accountNo().equals(accountNo)))
                .sorted(Comparator.comparing(Funding::timestamp).thenComparing(Funding::id))
                .toList();
    }

    /** Deposits and redemptions to the account created from now on are rejected with {@code reason}. */
    public void rejectFunding(String accountNo, String reason) {
        rejectingAccounts.put(accountNo, reason);
    }

    /** @return whether the account was marked */
    public boolean acceptFunding(String accountNo) {
        return rejectingAccounts.remove(accountNo) != null;
    }

    /** Rejects the next {@code count} deposits created (any account) with {@code reason}; 0 clears the flag. */
    public FailNext failNextDeposits(int count, String reason) {
        FailNext next = count == 0 ? FailNext.NONE : new FailNext(count, reason);
        failNextDeposits.set(next);
        return next;
    }

    private Funding make(NewFunding request) {
        if (request.kind() == FundingKind.REDEMPTION) {
            accounts.debit(request.accountNo(), request.amount());
        }
        Funding funding = Funding.pending(request.kind().idPrefix() + "-" + SandboxIds.uuid(), request, now());
        rejection(request).ifPresent(reason -> rejections.put(funding.id(), reason));
        fundings.put(funding.id(), funding);
        return funding;
    }

    private Optional<String> rejection(NewFunding request) {
        String marked = rejectingAccounts.get(request.accountNo());
        if (marked != null) {
            return Optional.of(marked);
        }
        if (request.kind() == FundingKind.DEPOSIT) {
            FailNext claimed = failNextDeposits.getAndUpdate(FailNext::claimed);
            if (claimed.remaining() > 0) {
                return Optional.of(claimed.reason());
            }
        }
        return Optional.empty();
    }

    private Mono<Void> settlement(String id) {
        Mono<Void> settled = Mono.delay(properties.settleDelay()).then(Mono.fromRunnable(() -> settle(id)));
        return properties.processingStep()
                ? Mono.delay(properties.settleDelay())
                        .then(Mono.<Void>fromRunnable(() -> processing(id)))
                        .then(settled)
                : settled;
    }

    private void processing(String id) {
        events.publish(
                fundings.computeIfPresent(id, (key, funding) -> funding.moved(FundingStatus.PROCESSING, null, now())));
    }

    private void settle(String id) {
        String reason = rejections.remove(id);
        Funding settled = fundings.computeIfPresent(id, (key, funding) -> {
            // the cash changes with the status, so whoever reads SUCCESSFUL also sees the money
            if (reason == null && funding.kind() == FundingKind.DEPOSIT) {
                accounts.credit(funding.accountNo(), funding.amount());
            } else if (reason != null && funding.kind() == FundingKind.REDEMPTION) {
                accounts.credit(funding.accountNo(), funding.amount());
            }
            return reason == null
                    ? funding.moved(FundingStatus.SUCCESSFUL, null, now())
                    : funding.moved(FundingStatus.REJECTED, reason, now());
        });
        events.publish(settled);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
