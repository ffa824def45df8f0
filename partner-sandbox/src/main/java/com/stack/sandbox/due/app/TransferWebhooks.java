package com.stack.sandbox.due.app;

import java.net.URI;
import java.time.Clock;
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

import com.stack.sandbox.due.config.DueSandboxProperties;
import com.stack.sandbox.due.domain.StatusChange;
import com.stack.sandbox.due.domain.WebhookDelivery;
import com.stack.sandbox.due.domain.WebhookEvent;
import com.stack.sandbox.faults.app.Faults;
import com.stack.sandbox.faults.domain.DeliveryFault;
import com.stack.sandbox.partners.WebhookSender;
import com.stack.sandbox.partners.WebhookSender.Request;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Due's {@code transfer.status_changed} webhooks: every endpoint gets a transfer's changes in order (one
 * change's delivery, with its retries, ends before the next starts; endpoints are served concurrently).
 * Unlike Circle, Due stamps {@code attemptedAt} into the body, so every attempt is serialised and signed
 * again (with the endpoint's Ed25519 key); the event {@code id} stays. Delivery faults of partner
 * {@code due}: {@code reorder} (asked once per transfer) delivers its changes in reverse order, once
 * both are known; {@code duplicate} and {@code drop} (asked once per change and endpoint) send one twice
 * or never. Every attempt, and every dropped event, is recorded under the transfer's id.
 */
@Service
public class TransferWebhooks {

    /** Due's name in the fault API. */
    public static final String PARTNER = "due";

    public static final String SIGNATURE_HEADER = "X-Webhook-Signature";

    private final Map<String, Queue<WebhookDelivery>> deliveries = new ConcurrentHashMap<>();
    private final WebhookSender sender;
    private final Faults faults;
    private final DueSandboxProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    @Autowired
    public TransferWebhooks(WebhookSender sender, Faults faults, DueSandboxProperties properties, JsonMapper json) {
        this(sender, faults, properties, json, Clock.systemUTC());
    }

    TransferWebhooks(
            WebhookSender sender, Faults faults, DueSandboxProperties properties, JsonMapper json, Clock clock) {
        this.sender = sender;
        this.faults = faults;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Announces the transfer's changes (a cached publisher: it runs once, whoever subscribes) to
     * {@code targets}. Completes when the transfer has settled and every delivery ended.
     */
    Mono<Void> announce(String transferId, Flux<StatusChange> changes, List<WebhookEndpoints.Registered> targets) {
        deliveries.putIfAbsent(transferId, new ConcurrentLinkedQueue<>());
        boolean reordered = faults.claimForDelivery(
                        PARTNER, WebhookEvent.TRANSFER_STATUS_CHANGED, EnumSet.of(DeliveryFault.Kind.REORDER))
                .isPresent();
        Flux<StatusChange> announced = !reordered
                ? changes
                : changes.collectList().flatMapIterable(all -> {
                    List<StatusChange> reversed = new ArrayList<>(all);
                    Collections.reverse(reversed);
                    return reversed;
                });
        // the transfer settles whether or not anyone listens
        return Flux.merge(
                        changes.then(),
                        Flux.fromIterable(targets)
                                .flatMap(target ->
                                        announced.concatMap(change -> deliver(transferId, target, change, reordered))))
                .then();
    }

    /** Every delivery attempt of the transfer's webhooks so far, oldest first; empty when none. */
    List<WebhookDelivery> deliveries(String transferId) {
        return Optional.ofNullable(deliveries.get(transferId)).map(List::copyOf).orElse(List.of());
    }

    private Mono<Void> deliver(
            String transferId, WebhookEndpoints.Registered target, StatusChange change, boolean reordered) {
        return Mono.defer(() -> {
            Optional<DeliveryFault.Kind> fault = faults.claimForDelivery(
                            PARTNER,
                            WebhookEvent.TRANSFER_STATUS_CHANGED,
                            EnumSet.of(DeliveryFault.Kind.DUPLICATE, DeliveryFault.Kind.DROP))
                    .map(DeliveryFault::kind);
            Queue<WebhookDelivery> log = deliveries.get(transferId);
            if (fault.orElse(null) == DeliveryFault.Kind.DROP) {
                log.add(new WebhookDelivery(
                        change.eventId(),
                        target.endpoint().id(),
                        change.status(),
                        null,
                        null,
                        null,
                        true,
                        applied(reordered, DeliveryFault.Kind.DROP),
                        clock.instant().truncatedTo(ChronoUnit.MILLIS)));
                return Mono.empty();
            }
            Mono<Boolean> first = send(target, change, log, applied(reordered, null));
            return (fault.isPresent() // a duplicate: the same event once more, after the first
                            ? first.then(send(target, change, log, applied(reordered, DeliveryFault.Kind.DUPLICATE)))
                            : first)
                    .then();
        });
    }

    private Mono<Boolean> send(
            WebhookEndpoints.Registered target,
            StatusChange change,
            Queue<WebhookDelivery> log,
            List<String> appliedFaults) {
        return sender.deliver(
                URI.create(target.endpoint().url()),
                attempt -> Mono.fromCallable(() -> {
                    byte[] body = json.writeValueAsBytes(
                            WebhookEvent.of(change, clock.instant().truncatedTo(ChronoUnit.MILLIS)));
                    return new Request(Map.of(SIGNATURE_HEADER, target.key().signHex(body)), body);
                }),
                properties.webhookDelivery(),
                "Due webhook " + change.eventId(),
                attempt -> log.add(new WebhookDelivery(
                        change.eventId(),
                        target.endpoint().id(),
                        change.status(),
                        attempt.attempt(),
                        attempt.status(),
                        attempt.error(),
                        null,
                        appliedFaults,
                        attempt.at())));
    }

    private static List<String> applied(boolean reordered, DeliveryFault.Kind kind) {
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
