package com.stack.onboarding.notification.app;

import java.time.Duration;
import java.util.Map;

import com.stack.defaults.messaging.ClaimingLoop;
import com.stack.defaults.resilience.RetryBackoff;
import com.stack.defaults.transactions.AfterCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pushes recorded notifications to the users' devices. {@link RequestedNotifications} writes a pending delivery
 * in the transaction that records the notification and wakes this loop after the commit ({@link #afterCommit});
 * a pass claims the due deliveries (see {@link PushDeliveryStore#claimDue}) and sends each through the
 * {@link PushNotifications} port. A delivery that did not reach every device is retried with exponential backoff
 * (only the devices not reached yet) until {@code maxAttempts}; the sweep interval picks up retries that came
 * due and claims a crashed instance held. Sending never touches the notification: a push failure cannot lose it.
 */
@Service
public class PushDeliveries extends ClaimingLoop<PushDeliveryStore.Claim> {

    private static final Logger log = LoggerFactory.getLogger(PushDeliveries.class);

    private final PushDeliveryStore deliveries;
    private final PushNotifications push;
    private final Settings settings;
    private final RetryBackoff backoff;

    public PushDeliveries(PushDeliveryStore deliveries, PushNotifications push, Settings settings) {
        super(new Schedule(settings.enabled(), settings.sweepInterval(), settings.batchSize(), settings.lease()));
        this.deliveries = deliveries;
        this.push = push;
        this.settings = settings;
        this.backoff = new RetryBackoff(settings.initialBackoff(), settings.maxBackoff());
    }

    /** Wakes the loop once the current transaction commits (the one that wrote a pending delivery). */
    public Mono<Void> afterCommit() {
        return AfterCommit.run(this::wake);
    }

    @Override
    protected Flux<PushDeliveryStore.Claim> claim(Duration lease, int batchSize) {
        return deliveries.claimDue(lease, batchSize);
    }

    @Override
    protected Mono<Void> work(PushDeliveryStore.Claim claim) {
        return deliver(claim);
    }

    private Mono<Void> deliver(PushDeliveryStore.Claim claim) {
        PushMessage message = new PushMessage(
                claim.notificationId(),
                claim.userId(),
                claim.title(),
                claim.body(),
                Map.of("notificationId", claim.notificationId().toString(), "kind", claim.kind()));
        return push.send(message)
                .then(Mono.defer(() -> deliveries.markDone(claim.notificationId())))
                .onErrorResume(failure -> failed(claim, failure));
    }

    private Mono<Void> failed(PushDeliveryStore.Claim claim, Throwable failure) {
        if (claim.attempts() >= settings.maxAttempts()) {
            log.error(
                    "Push of notification {} to user {} gave up after {} attempts: {}",
                    claim.notificationId(),
                    claim.userId(),
                    claim.attempts(),
                    failure.toString());
            return deliveries.markFailed(claim.notificationId(), failure.toString());
        }
        Duration delay = backoff.delayAfter(claim.attempts());
        log.warn(
                "Push of notification {} to user {} failed (attempt {}); retrying in {}: {}",
                claim.notificationId(),
                claim.userId(),
                claim.attempts(),
                delay,
                failure.toString());
        return deliveries.retryLater(claim.notificationId(), failure.toString(), delay);
    }

    /**
     * {@code stack.push.delivery.*}.
     *
     * @param enabled        run the loop with the application
     * @param sweepInterval  how often due retries and lapsed claims are looked for, besides the wake-up after a commit
     * @param batchSize      deliveries claimed, and sent concurrently, per pass
     * @param lease          how long a claim keeps a delivery to its instance; longer than one attempt can take
     *                       (FCM's timeout times its attempts, per device in turn)
     * @param maxAttempts    attempts per delivery, then it is failed (kept, with the last error)
     * @param initialBackoff wait after a delivery's first failed attempt, doubled per attempt
     * @param maxBackoff     retry wait cap
     */
    @ConfigurationProperties("stack.push.delivery")
    public record Settings(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5s") Duration sweepInterval,
            @DefaultValue("20") int batchSize,
            @DefaultValue("2m") Duration lease,
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("2s") Duration initialBackoff,
            @DefaultValue("5m") Duration maxBackoff) {}
}
