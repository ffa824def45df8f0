package com.stack.sandbox.circle.notifications.app;

import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.stack.sandbox.circle.notifications.config.CircleNotificationProperties;
import com.stack.sandbox.circle.notifications.domain.Subscription;
import com.stack.sandbox.partners.SandboxIds;
import com.stack.sandbox.partners.WebhookSender;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Circle's webhook subscriptions, in memory, oldest first. The configured
 * endpoints are subscribed at startup without a check; a subscription through the API is made only
 * when its endpoint answers {@code HEAD} with 2xx, as Circle checks it.
 */
@Service
public class Subscriptions {

    static final List<String> ALL_TYPES = List.of("*");

    private final ConcurrentHashMap<String, Entry> subscriptions = new ConcurrentHashMap<>();
    /** Creation order: ids made in the same millisecond do not sort by creation. */
    private final AtomicLong sequence = new AtomicLong();

    private final WebhookSender sender;
    private final CircleNotificationProperties properties;
    private final Clock clock;

    @Autowired
    public Subscriptions(WebhookSender sender, CircleNotificationProperties properties) {
        this(sender, properties, Clock.systemUTC());
    }

    Subscriptions(WebhookSender sender, CircleNotificationProperties properties, Clock clock) {
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
        properties.notificationEndpoints().forEach(this::add);
    }

    /** Subscribes {@code endpoint} when it answers HEAD with 2xx; empty when it does not. */
    public Mono<Subscription> subscribe(URI endpoint) {
        return sender.answersHead(endpoint, properties.subscriptionCheckTimeout())
                .flatMap(answers -> answers ? Mono.fromSupplier(() -> add(endpoint)) : Mono.empty());
    }

    public List<Subscription> all() {
        return subscriptions.values().stream()
                .sorted(Comparator.comparingLong(Entry::sequence))
                .map(Entry::subscription)
                .toList();
    }

    public Optional<Subscription> remove(String id) {
        return Optional.ofNullable(subscriptions.remove(id)).map(Entry::subscription);
    }

    private Subscription add(URI endpoint) {
        Subscription subscription = new Subscription(
                SandboxIds.uuid().toString(),
                endpoint.toString(),
                true,
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                ALL_TYPES);
        subscriptions.put(subscription.id(), new Entry(sequence.incrementAndGet(), subscription));
        return subscription;
    }

    private record Entry(long sequence, Subscription subscription) {}
}
