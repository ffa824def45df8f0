package com.stack.sandbox.due.app;

import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.stack.sandbox.due.config.DueSandboxProperties;
import com.stack.sandbox.due.domain.WebhookEndpoint;
import com.stack.sandbox.due.domain.WebhookEvent;
import com.stack.sandbox.partners.SandboxIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Due's webhook endpoints, in memory, oldest first, each with its own Ed25519 key pair. The
 * configured endpoints are registered at startup (their keys made on the main thread); one
 * registered through the API gets its key pair made on the bounded elastic scheduler.
 */
@Service
public class WebhookEndpoints {

    /** The events the sandbox sends. */
    public static final List<String> EVENTS = List.of(WebhookEvent.TRANSFER_STATUS_CHANGED);

    private final ConcurrentHashMap<String, Registered> endpoints = new ConcurrentHashMap<>();
    /** Creation order: ids made in the same millisecond do not sort by creation. */
    private final AtomicLong sequence = new AtomicLong();

    private final Clock clock;

    @Autowired
    public WebhookEndpoints(DueSandboxProperties properties) {
        this(properties, Clock.systemUTC());
    }

    WebhookEndpoints(DueSandboxProperties properties, Clock clock) {
        this.clock = clock;
        properties.webhookEndpoints().forEach(url -> add(url, EVENTS, EndpointSigningKey.generate()));
    }

    /** An endpoint with its key, as the webhook sender needs it. */
    record Registered(long sequence, WebhookEndpoint endpoint, EndpointSigningKey key) {}

    /** Registers {@code url} for {@code events} with a new key pair. */
    public Mono<WebhookEndpoint> register(URI url, List<String> events) {
        return Mono.fromCallable(EndpointSigningKey::generate)
                .subscribeOn(Schedulers.boundedElastic())
                .map(key -> add(url, events, key).endpoint());
    }

    public List<WebhookEndpoint> all() {
        return registered().stream().map(Registered::endpoint).toList();
    }

    public Optional<WebhookEndpoint> remove(String id) {
        return Optional.ofNullable(endpoints.remove(id)).map(Registered::endpoint);
    }

    /** Every endpoint that wants {@code event}, oldest first. */
    List<Registered> subscribedTo(String event) {
        return registered().stream()
                .filter(entry -> entry.endpoint().events().contains(event))
                .toList();
    }

    private List<Registered> registered() {
        return endpoints.values().stream()
                .sorted(Comparator.comparingLong(Registered::sequence))
                .toList();
    }

    private Registered add(URI url, List<String> events, EndpointSigningKey key) {
        WebhookEndpoint endpoint = new WebhookEndpoint(
                SandboxIds.prefixed("we_"),
                url.toString(),
                events,
                key.publicKeyPem(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        Registered entry = new Registered(sequence.incrementAndGet(), endpoint, key);
        endpoints.put(endpoint.id(), entry);
        return entry;
    }
}
