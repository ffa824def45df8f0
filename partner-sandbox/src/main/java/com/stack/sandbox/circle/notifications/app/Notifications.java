package com.stack.sandbox.circle.notifications.app;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

import com.stack.sandbox.circle.notifications.config.CircleNotificationProperties;
import com.stack.sandbox.circle.notifications.domain.InboundTransaction;
import com.stack.sandbox.circle.notifications.domain.NotificationBody;
import com.stack.sandbox.circle.notifications.domain.NotificationDelivery;
import com.stack.sandbox.circle.notifications.domain.Subscription;
import com.stack.sandbox.faults.app.Faults;
import com.stack.sandbox.faults.domain.DeliveryFault;
import com.stack.sandbox.partners.BackgroundTasks;
import com.stack.sandbox.partners.SandboxIds;
import com.stack.sandbox.partners.WebhookSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Circle's webhook notifications of inbound transactions: one {@code transactions.inbound}
 * notification per state of the transaction, to every subscription, each subscription getting the
 * states in order (a state's delivery, with its retries, ends before the next one starts). Each
 * notification is serialised and signed once, when its delivery starts; retries send the same bytes
 * and headers. Delivery faults apply here: a transaction's states reversed ({@code reorder}, asked
 * once per transaction), a notification sent twice ({@code duplicate}) or never ({@code drop}), asked
 * once per notification and subscription. Every attempt, and every dropped notification, is recorded
 * under the transaction's id. Other notification types go through the same delivery, recorded under
 * their object's id: one state ({@code payouts}, {@link #notifyAll}), or states as they happen
 * ({@code transfers}, {@code transactions.outbound}, {@link #notifyEach}).
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    static final String PARTNER = "circle";
    /** States of one object waiting for their notifications: more than any object goes through. */
    static final int STATE_BUFFER = 32;

    private final Map<String, Queue<NotificationDelivery>> deliveries = new ConcurrentHashMap<>();
    private final Subscriptions subscriptions;
    private final NotificationSigningKey key;
    private final WebhookSender sender;
    private final Faults faults;
    private final BackgroundTasks background;
    private final CircleNotificationProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    @Autowired
    public Notifications(
            Subscriptions subscriptions,
            NotificationSigningKey key,
            WebhookSender sender,
            Faults faults,
            BackgroundTasks background,
            CircleNotificationProperties properties,
            JsonMapper json) {
        this(subscriptions, key, sender, faults, background, properties, json, Clock.systemUTC());
    }

    Notifications(
            Subscriptions subscriptions,
            NotificationSigningKey key,
            WebhookSender sender,
            Faults faults,
            BackgroundTasks background,
            CircleNotificationProperties properties,
            JsonMapper json,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.key = key;
        this.sender = sender;
        this.faults = faults;
        this.background = background;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** Starts notifying every current subscription of the transaction's states, in the background. */
    public void inbound(InboundTransaction transaction) {
        deliveries.putIfAbsent(transaction.id(), new ConcurrentLinkedQueue<>());
        boolean reordered = faults.claimForDelivery(
                        PARTNER, NotificationBody.INBOUND, EnumSet.of(DeliveryFault.Kind.REORDER))
                .isPresent();
        List<String> states = new ArrayList<>(transaction.states());
        if (reordered) {
            Collections.reverse(states);
        }
        List<Subscription> targets = subscriptions.all();
        background.submit(Flux.fromIterable(targets)
                .flatMap(subscription -> Flux.fromIterable(states)
                        .concatMap(state -> notify(
                                transaction.id(),
                                NotificationBody.INBOUND,
                                subscription,
                                state,
                                now -> NotificationBody.inbound(transaction, state, now),
                                reordered)))
                .then());
    }

    /**
     * Notifies every current subscription of one state of an object once ({@code payouts}: a payout
     * that became complete or failed), with the delivery faults {@code duplicate} and {@code drop} of
     * {@code type}. The deliveries are recorded under {@code objectId}. Completes when every delivery
     * ended (delivered or given up); the caller runs it in the background.
     *
     * @param notification the object at the time {@code now}, given when the notification is produced
     */
    public Mono<Void> notifyAll(String objectId, String type, String state, Function<Instant, Object> notification) {
        return Mono.defer(() -> {
            deliveries.putIfAbsent(objectId, new ConcurrentLinkedQueue<>());
            return Flux.fromIterable(subscriptions.all())
                    .flatMap(subscription -> notify(objectId, type, subscription, state, notification, false))
                    .then();
        });
    }

    /** One state of an object to notify, and the object as it was in that state. */
    public record Notified(String state, Object notification) {}

    /**
     * Notifies every current subscription of an object's states as {@code states} emits them (a
     * transfer moving on on a timer), in order: one state's deliveries, with their retries, end before
     * the next state's start, but never hold {@code states} back (they are buffered), so a slow
     * receiver does not slow the object down. Delivery faults of {@code type}: {@code reorder} (asked
     * once per object) holds every notification until the last state and sends them in reverse;
     * {@code duplicate} and {@code drop} as for {@link #notifyAll}. Completes when the last delivery
     * ended; the caller runs it in the background.
     */
    public Mono<Void> notifyEach(String objectId, String type, Flux<Notified> states) {
        return Mono.defer(() -> {
            deliveries.putIfAbsent(objectId, new ConcurrentLinkedQueue<>());
            boolean reordered = faults.claimForDelivery(PARTNER, type, EnumSet.of(DeliveryFault.Kind.REORDER))
                    .isPresent();
            Flux<Notified> ordered = reordered
                    ? states.collectList().flatMapMany(all -> {
                        List<Notified> reversed = new ArrayList<>(all);
                        Collections.reverse(reversed);
                        return Flux.fromIterable(reversed);
                    })
                    : states;
            return ordered.concatMap(
                            notified -> Flux.fromIterable(subscriptions.all())
                                    .flatMap(subscription -> notify(
                                            objectId,
                                            type,
                                            subscription,
                                            notified.state(),
                                            now -> notified.notification(),
                                            reordered))
                                    // a failure to notify one state must not stop the object's later states
                                    .onErrorResume(e -> {
                                        log.warn("Could not notify {} {} of {}", type, notified.state(), objectId, e);
                                        return Mono.empty();
                                    })
                                    .then(),
                            STATE_BUFFER)
                    .then();
        });
    }

    /** Every delivery attempt of the notifications of a transaction (or payout) so far, oldest first; empty when unknown. */
    public Optional<List<NotificationDelivery>> deliveries(String transactionId) {
        return Optional.ofNullable(deliveries.get(transactionId)).map(List::copyOf);
    }

    private Mono<Void> notify(
            String objectId,
            String type,
            Subscription subscription,
            String state,
            Function<Instant, Object> notification,
            boolean reordered) {
        return Mono.defer(() -> {
            Optional<DeliveryFault.Kind> fault = faults.claimForDelivery(
                            PARTNER, type, EnumSet.of(DeliveryFault.Kind.DUPLICATE, DeliveryFault.Kind.DROP))
                    .map(DeliveryFault::kind);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            String notificationId = SandboxIds.uuid().toString();
            Queue<NotificationDelivery> attempts = deliveries.get(objectId);
            if (fault.orElse(null) == DeliveryFault.Kind.DROP) {
                attempts.add(new NotificationDelivery(
                        notificationId,
                        subscription.id(),
                        state,
                        null,
                        null,
                        null,
                        true,
                        faults(reordered, DeliveryFault.Kind.DROP),
                        now));
                return Mono.empty();
            }
            byte[] body = json.writeValueAsBytes(
                    NotificationBody.envelope(subscription.id(), notificationId, type, notification.apply(now), now));
            return key.sign(body)
                    .flatMap(signature -> {
                        Map<String, String> headers = Map.of(
                                NotificationSigningKey.SIGNATURE_HEADER,
                                signature,
                                NotificationSigningKey.KEY_ID_HEADER,
                                key.id());
                        Mono<Boolean> first = send(
                                subscription, headers, body, notificationId, state, attempts, faults(reordered, null));
                        return fault.isPresent() // a duplicate: the very same notification once more, after the first
                                ? first.then(send(
                                        subscription,
                                        headers,
                                        body,
                                        notificationId,
                                        state,
                                        attempts,
                                        faults(reordered, DeliveryFault.Kind.DUPLICATE)))
                                : first;
                    })
                    .then();
        });
    }

    private Mono<Boolean> send(
            Subscription subscription,
            Map<String, String> headers,
            byte[] body,
            String notificationId,
            String state,
            Queue<NotificationDelivery> attempts,
            List<String> appliedFaults) {
        return sender.deliver(
                URI.create(subscription.endpoint()),
                headers,
                body,
                properties.notificationDelivery(),
                "Circle notification " + notificationId,
                attempt -> attempts.add(new NotificationDelivery(
                        notificationId,
                        subscription.id(),
                        state,
                        attempt.attempt(),
                        attempt.status(),
                        attempt.error(),
                        null,
                        appliedFaults,
                        attempt.at())));
    }

    private static List<String> faults(boolean reordered, DeliveryFault.Kind kind) {
        List<String> applied = new ArrayList<>();
        if (reordered) {
            applied.add(DeliveryFault.Kind.REORDER.wireName());
        }
        if (kind != null) {
            applied.add(kind.wireName());
        }
        return List.copyOf(applied);
    }
}
