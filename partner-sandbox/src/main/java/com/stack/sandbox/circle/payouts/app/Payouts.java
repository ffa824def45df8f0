package com.stack.sandbox.circle.payouts.app;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import com.stack.sandbox.circle.notifications.app.Notifications;
import com.stack.sandbox.circle.notifications.domain.NotificationBody;
import com.stack.sandbox.circle.notifications.domain.NotificationDelivery;
import com.stack.sandbox.circle.payouts.config.CirclePayoutProperties;
import com.stack.sandbox.circle.payouts.domain.NewPayout;
import com.stack.sandbox.circle.payouts.domain.Payout;
import com.stack.sandbox.circle.wallets.domain.CircleError.FieldError;
import com.stack.sandbox.circle.wallets.domain.CircleException;
import com.stack.sandbox.partners.BackgroundTasks;
import com.stack.sandbox.partners.IdempotencyStore;
import com.stack.sandbox.partners.IdempotencyStore.Outcome;
import com.stack.sandbox.partners.SandboxIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Circle's payouts: a payout is created {@code pending} under its idempotency key and, after the
 * settle delay (a timer, no thread waits), ends {@code complete} or {@code failed}; then every
 * subscription gets a signed {@code payouts} notification through {@link Notifications}. Whether it
 * fails is decided when it is created: its destination is one of the failing ones, or a
 * {@link #failNext fail-next} flag was set. Refused destinations are refused at request time.
 */
@Service
public class Payouts {

    /** The default {@code errorCode} of a payout failed by the fail-next flag. */
    public static final String DEFAULT_ERROR_CODE = "transaction_failed";

    private final IdempotencyStore<NewPayout, Payout> idempotency = new IdempotencyStore<>();
    private final Map<String, Payout> payouts = new ConcurrentHashMap<>();
    /** The errorCode each pending payout will fail with; absent when it will complete. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    private final AtomicReference<FailNext> failNext = new AtomicReference<>(FailNext.NONE);
    private final Notifications notifications;
    private final BackgroundTasks background;
    private final CirclePayoutProperties properties;
    private final Clock clock;

    @Autowired
    public Payouts(Notifications notifications, BackgroundTasks background, CirclePayoutProperties properties) {
        this(notifications, background, properties, Clock.systemUTC());
    }

    Payouts(Notifications notifications, BackgroundTasks background, CirclePayoutProperties properties, Clock clock) {
        this.notifications = notifications;
        this.background = background;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * What the next payouts created will fail with.
     *
     * @param remaining how many payouts are still to fail
     */
    public record FailNext(int remaining, String errorCode) {

        static final FailNext NONE = new FailNext(0, null);

        FailNext claimed() {
            return remaining <= 1 ? NONE : new FailNext(remaining - 1, errorCode);
        }
    }

    /**
     * Creates the payout the first time its idempotency key is seen (and starts settling it); the same
     * payout for the same request again; a 409 for a different request under a used key, a 400 for a
     * refused destination.
     */
    public Outcome<Payout> create(NewPayout request) {
        if (properties.refusedDestinations().contains(request.destinationId())) {
            throw CircleException.validation(List.of(FieldError.invalid(
                    "destination.id", "The destination " + request.destinationId() + " cannot receive payouts")));
        }
        Outcome<Payout> outcome = idempotency.execute(request.idempotencyKey().toString(), request, () -> {
            Payout payout = Payout.pending(SandboxIds.uuid().toString(), request, now());
            failureCode(request).ifPresent(code -> failures.put(payout.id(), code));
            payouts.put(payout.id(), payout);
            return payout;
        });
        switch (outcome.kind()) {
            case CONFLICT -> throw CircleException.idempotencyKeyReused();
            case CREATED ->
                background.submit(Mono.delay(properties.settleDelay())
                        .then(Mono.defer(() -> settle(outcome.value().id()))));
            case REPLAYED -> {
                // the payout made the first time, as it is now
                return new Outcome<>(
                        Outcome.Kind.REPLAYED, payouts.get(outcome.value().id()));
            }
        }
        return outcome;
    }

    public Optional<Payout> payout(String id) {
        return Optional.ofNullable(payouts.get(id));
    }

    /** Makes the next {@code count} payouts created fail with {@code errorCode}; 0 clears the flag. */
    public FailNext failNext(int count, String errorCode) {
        FailNext next = count == 0 ? FailNext.NONE : new FailNext(count, errorCode);
        failNext.set(next);
        return next;
    }

    /** Every delivery attempt of the payout's notifications so far, oldest first; empty when none yet. */
    public List<NotificationDelivery> deliveries(String payoutId) {
        return notifications.deliveries(payoutId).orElse(List.of());
    }

    private Optional<String> failureCode(NewPayout request) {
        FailNext claimed = failNext.getAndUpdate(FailNext::claimed);
        if (claimed.remaining() > 0) {
            return Optional.of(claimed.errorCode());
        }
        if (properties.failingDestinations().contains(request.destinationId())) {
            return Optional.of(properties.failingErrorCode());
        }
        return Optional.empty();
    }

    private Mono<Void> settle(String id) {
        Payout settled = payouts.computeIfPresent(id, (key, payout) -> payout.settled(failures.remove(key), now()));
        return notifications.notifyAll(id, NotificationBody.PAYOUTS, settled.status(), now -> settled.notification());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
