package com.stack.funding.partner.adapters.circle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.funding.partner.adapters.PartnerSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Funding's Circle notification subscription against the partner sandbox's Circle, which checks the endpoint with
 * HEAD before subscribing (the endpoint here: a small server of the test's own, on a port of its own): made once, a
 * second instance (a restart, a replica) makes none, a duplicate left by a race is deleted keeping the oldest, an
 * endpoint that is down at first is retried until it answers; and the health indicator through it all.
 */
class CircleNotificationSubscriptionTest {

    static final PartnerSandbox SANDBOX = PartnerSandbox.shared();

    final CircleSubscriptionClient circle = new CircleSubscriptionClient(
            WebClient.builder(),
            URI.create(SANDBOX.url("/circle")),
            PartnerSandbox.properties("stack.circle", CircleProperties.class, Map.of())
                    .apiKey(),
            settings("").resilience());
    final List<CircleNotificationSubscription> started = new ArrayList<>();
    final List<DisposableServer> endpoints = new ArrayList<>();
    String url;

    static CircleNotificationSubscription.Settings settings(String webhookUrl) {
        return PartnerSandbox.properties(
                "stack.circle.notifications",
                CircleNotificationSubscription.Settings.class,
                Map.of(
                        "stack.circle.notifications.webhook-url",
                        webhookUrl,
                        "stack.circle.notifications.initial-backoff",
                        "50ms",
                        "stack.circle.notifications.max-backoff",
                        "200ms",
                        "stack.circle.notifications.resilience.max-attempts",
                        "1"));
    }

    @AfterEach
    void stopAndUnsubscribe() {
        started.forEach(CircleNotificationSubscription::stop);
        ofEndpoint().forEach(subscription -> circle.delete(subscription.id()).block(PartnerSandbox.TIMEOUT));
        endpoints.forEach(DisposableServer::disposeNow);
    }

    /** A free port's webhook URL, nothing listening yet. */
    String webhookUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            url = "http://127.0.0.1:" + socket.getLocalPort() + "/webhooks/circle/" + UUID.randomUUID();
            return url;
        }
    }

    /** Funding's webhook endpoint comes up: 200 to HEAD (Circle's check) and to notifications. */
    void endpointUp() {
        endpoints.add(HttpServer.create()
                .host("127.0.0.1")
                .port(URI.create(url).getPort())
                .route(routes -> routes.route(
                        request -> true,
                        (request, response) -> response.status(200).send()))
                .bindNow());
    }

    CircleNotificationSubscription start() {
        CircleNotificationSubscription subscription = new CircleNotificationSubscription(circle, settings(url));
        subscription.start();
        started.add(subscription);
        return subscription;
    }

    List<CircleSubscriptionClient.Subscription> ofEndpoint() {
        return circle.list().block(PartnerSandbox.TIMEOUT).stream()
                .filter(s -> s.endpoint().equals(url))
                .toList();
    }

    static Health health(CircleNotificationSubscription subscription) {
        return new CircleSubscriptionHealthIndicator(subscription).health().block(PartnerSandbox.TIMEOUT);
    }

    String subscribedId(CircleNotificationSubscription subscription) {
        await().atMost(PartnerSandbox.TIMEOUT).until(() -> subscription.state().subscriptionId() != null);
        return subscription.state().subscriptionId();
    }

    @Test
    void theSubscriptionIsMadeOnceAndASecondInstanceMakesNone() throws IOException {
        webhookUrl();
        endpointUp();

        String id = subscribedId(start());
        assertThat(ofEndpoint())
                .singleElement()
                .extracting(CircleSubscriptionClient.Subscription::id)
                .isEqualTo(id);

        CircleNotificationSubscription restarted = start();
        assertThat(subscribedId(restarted)).isEqualTo(id);
        assertThat(ofEndpoint()).hasSize(1);
        Health health = health(restarted);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("subscriptionId", id).containsEntry("endpoint", url);
    }

    @Test
    void aDuplicateLeftByARaceIsDeletedKeepingTheOldest() throws IOException {
        webhookUrl();
        endpointUp();
        circle.create(url).block(PartnerSandbox.TIMEOUT);
        circle.create(url).block(PartnerSandbox.TIMEOUT);
        String oldest = ofEndpoint().stream()
                .min(Comparator.comparing(CircleSubscriptionClient.Subscription::createDate)
                        .thenComparing(CircleSubscriptionClient.Subscription::id))
                .orElseThrow()
                .id();

        assertThat(subscribedId(start())).isEqualTo(oldest);
        assertThat(ofEndpoint())
                .singleElement()
                .extracting(CircleSubscriptionClient.Subscription::id)
                .isEqualTo(oldest);
    }

    @Test
    void anEndpointDownAtFirstIsRetriedUntilItAnswers() throws IOException {
        webhookUrl();
        CircleNotificationSubscription subscription = start();

        await().atMost(PartnerSandbox.TIMEOUT).until(() -> subscription.state().failedAttempts() >= 2);
        Health waiting = health(subscription);
        assertThat(waiting.getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(waiting.getDetails()).containsKey("lastError").containsEntry("endpoint", url);
        assertThat(ofEndpoint()).isEmpty();

        endpointUp();

        String id = subscribedId(subscription);
        assertThat(ofEndpoint())
                .singleElement()
                .extracting(CircleSubscriptionClient.Subscription::id)
                .isEqualTo(id);
        assertThat(health(subscription).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void withoutAWebhookUrlNothingIsManaged() {
        CircleNotificationSubscription subscription = new CircleNotificationSubscription(circle, settings(""));
        subscription.start();
        started.add(subscription);

        assertThat(subscription.isRunning()).isTrue();
        assertThat(health(subscription).getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(health(subscription).getDetails()).containsEntry("managed", false);
    }
}
