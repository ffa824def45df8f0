package com.stack.funding.partner.adapters.circle;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.stack.defaults.resilience.PartnerResilience;
import com.stack.funding.partner.adapters.PartnerCallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Makes sure Circle sends its notifications to funding: at startup, in the background (startup neither waits for
 * it nor fails on it), Circle's subscriptions are listed and one is created for {@code webhook-url} when none has
 * that endpoint. Circle checks the endpoint with {@code HEAD} before subscribing, and locally the URL is the
 * gateway's, which may start after funding: every failure is retried with backoff ({@code initial-backoff} doubling
 * up to {@code max-backoff}) until the subscription exists. Listing first makes a restart create nothing; two
 * replicas starting together may both create, so after creating the list is read again and the endpoint's
 * subscriptions other than the oldest (by creation, then id: every replica keeps the same one) are deleted.
 *
 * <p>Without {@code webhook-url} (the default) the subscription is not managed: someone makes it by hand.
 */
public class CircleNotificationSubscription implements SmartLifecycle {

    /**
     * {@code stack.circle.notifications.*}.
     *
     * @param webhookUrl     funding's public webhook URL as Circle calls it ({@code STACK_CIRCLE_WEBHOOK_URL}); empty:
     *                       not managed
     * @param initialBackoff the wait after the first failure, doubled per failure
     * @param maxBackoff     the longest wait between attempts
     * @param resilience     timeout, retries and breaker around each call to Circle
     */
    @ConfigurationProperties("stack.circle.notifications")
    public record Settings(
            @DefaultValue("") String webhookUrl,
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("60s") Duration maxBackoff,
            @DefaultValue PartnerResilience.Settings resilience) {

        public boolean managed() {
            return !webhookUrl.isBlank();
        }
    }

    /**
     * Where the subscription stands: its id once made; before, the last attempt's error (null before the first
     * failure) and how many attempts failed.
     */
    public record State(String subscriptionId, String lastError, long failedAttempts) {}

    private static final Logger log = LoggerFactory.getLogger(CircleNotificationSubscription.class);

    private static final Comparator<CircleSubscriptionClient.Subscription> OLDEST_FIRST = Comparator.comparing(
                    (CircleSubscriptionClient.Subscription s) -> createdAt(s),
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(CircleSubscriptionClient.Subscription::id, Comparator.nullsLast(Comparator.naturalOrder()));

    private final CircleSubscriptionClient circle;
    private final Settings settings;
    private final AtomicReference<State> state = new AtomicReference<>(new State(null, null, 0));
    private volatile Disposable making;
    private volatile boolean running;

    public CircleNotificationSubscription(CircleSubscriptionClient circle, Settings settings) {
        this.circle = circle;
        this.settings = settings;
    }

    public boolean managed() {
        return settings.managed();
    }

    public String endpoint() {
        return settings.webhookUrl();
    }

    public State state() {
        return state.get();
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!settings.managed()) {
            log.info(
                    "stack.circle.notifications.webhook-url is not set: funding does not manage its Circle notification"
                            + " subscription");
            return;
        }
        making = Mono.defer(this::ensure)
                .doOnError(e -> state.updateAndGet(s -> new State(null, e.getMessage(), s.failedAttempts() + 1)))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, settings.initialBackoff())
                        .maxBackoff(settings.maxBackoff())
                        .doBeforeRetry(signal -> log.warn(
                                "Subscribing {} to Circle's notifications failed ({} so far);" + " retrying: {}",
                                settings.webhookUrl(),
                                signal.totalRetries() + 1,
                                signal.failure().getMessage())))
                .subscribe(id -> {
                    state.set(new State(id, null, state.get().failedAttempts()));
                    log.info("Circle notifications go to {} (subscription {})", settings.webhookUrl(), id);
                });
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (making != null) {
            making.dispose();
            making = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The id of the endpoint's one subscription, made when there is none and its duplicates deleted. */
    private Mono<String> ensure() {
        return circle.list()
                .flatMap(all -> ofEndpoint(all).isEmpty()
                        ? circle.create(settings.webhookUrl())
                                .doOnNext(made ->
                                        log.info("Created Circle subscription {} for {}", made.id(), made.endpoint()))
                                .then(circle.list())
                        : Mono.just(all))
                .flatMap(all -> keepOldest(ofEndpoint(all)));
    }

    private List<CircleSubscriptionClient.Subscription> ofEndpoint(List<CircleSubscriptionClient.Subscription> all) {
        return all.stream()
                .filter(s -> settings.webhookUrl().equals(s.endpoint()))
                .sorted(OLDEST_FIRST)
                .toList();
    }

    private Mono<String> keepOldest(List<CircleSubscriptionClient.Subscription> ofEndpoint) {
        if (ofEndpoint.isEmpty()) {
            return Mono.error(new IllegalStateException(
                    "Circle lists no subscription for " + settings.webhookUrl() + " after creating one"));
        }
        String kept = ofEndpoint.get(0).id();
        return Flux.fromIterable(ofEndpoint.subList(1, ofEndpoint.size()))
                .concatMap(duplicate -> circle.delete(duplicate.id())
                        .doOnSuccess(done -> log.info(
                                "Deleted Circle subscription {}: a duplicate of {} for {}",
                                duplicate.id(),
                                kept,
                                settings.webhookUrl()))
                        // another replica deleted it first
                        .onErrorResume(
                                e -> e instanceof PartnerCallException call && !call.isTransient(), e -> Mono.empty()))
                .then(Mono.just(kept));
    }

    private static Instant createdAt(CircleSubscriptionClient.Subscription subscription) {
        try {
            return subscription.createDate() == null ? null : Instant.parse(subscription.createDate());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
