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
 * under the transaction's id. Other notification types ({@code payouts}) go through the same delivery
 * ({@link #notifyAll}), recorded under their object's id.
 */
@Service
public class Notifications {

    static final String PARTNER = "circle";

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
    public Notifications(Subscriptions subscriptions, NotificationSigningKey key, WebhookSender sender, Faults faults,
            BackgroundTasks background, CircleNotificationProperties properties, JsonMapper json) {
        this(subscriptions, key, sender, faults, background, properties, json, Clock.systemUTC());
    }

    Notifications(Subscriptions subscriptions, NotificationSigningKey key, WebhookSender sender, Faults faults,
            BackgroundTasks background, CircleNotificationProperties properties, JsonMapper json, Clock clock) {
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
        boolean reordered = faults.claimForDelivery(PARTNER, NotificationBody.INBOUND, EnumSet.of(DeliveryFault.Kind.REORDER))
                .isPresent();
        List<String> states = new ArrayList<>(transaction.states());
        if (reordered) {
            Collections.reverse(states);
        }
        List<Subscription> targets = subscriptions.all();
        background.submit(Flux.fromIterable(targets)
                .flatMap(subscription -> Flux.fromIterable(states)
                        .concatMap(state -> notify(transaction.id(), NotificationBody.INBOUND, subscription, state,
                                now -> NotificationBody.inbound(transaction, state, now), reordered)))
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

    /** Every delivery attempt of the notifications of a transaction (or payout) so far, oldest first; empty when unknown. */
    public Optional<List<NotificationDelivery>> deliveries(String transactionId) {
        return Optional.ofNullable(deliveries.get(transactionId)).map(List::copyOf);
    }

    private Mono<Void> notify(String objectId, String type, Subscription subscription, String state,
            Function<Instant, Object> notification, boolean reordered) {
        return Mono.defer(() -> {
            Optional<DeliveryFault.Kind> fault = faults.claimForDelivery(PARTNER, type,
                    EnumSet.of(DeliveryFault.Kind.DUPLICATE, DeliveryFault.Kind.DROP)).map(DeliveryFault::kind);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            String notificationId = SandboxIds.uuid().toString();
            Queue<NotificationDelivery> log = deliveries.get(objectId);
            if (fault.orElse(null) == DeliveryFault.Kind.DROP) {
                log.add(new NotificationDelivery(notificationId, subscription.id(), state, null, null, null, true,
                        faults(reordered, DeliveryFault.Kind.DROP), now));
                return Mono.empty();
            }
            byte[] body = json.writeValueAsBytes(NotificationBody.of(subscription.id(), notificationId, type, notification.apply(now), now));
            return key.sign(body).flatMap(signature -> {
                Map<String, String> headers = Map.of(NotificationSigningKey.SIGNATURE_HEADER, signature,
                        NotificationSigningKey.KEY_ID_HEADER, key.id());
                Mono<Boolean> first = send(subscription, headers, body, notificationId, state, log, faults(reordered, null));
                return fault.isPresent() // a duplicate: the very same notification once more, after the first
                        ? first.then(send(subscription, headers, body, notificationId, state, log,
                                faults(reordered, DeliveryFault.Kind.DUPLICATE)))
                        : first;
            }).then();
        });
    }

    private Mono<Boolean> send(Subscription subscription, Map<String, String> headers, byte[] body, String notificationId,
            String state, Queue<NotificationDelivery> log, List<String> appliedFaults) {
        return sender.deliver(URI.create(subscription.endpoint()), headers, body, properties.notificationDelivery(),
                "Circle notification " + notificationId,
                attempt -> log.add(new NotificationDelivery(notificationId, subscription.id(), state, attempt.attempt(),
                        attempt.status(), attempt.error(), null, appliedFaults, attempt.at())));
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
