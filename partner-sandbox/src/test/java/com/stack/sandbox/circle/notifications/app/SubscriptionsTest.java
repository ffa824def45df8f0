package com.stack.sandbox.circle.notifications.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.stack.sandbox.circle.notifications.config.CircleNotificationProperties;
import com.stack.sandbox.circle.notifications.domain.Subscription;
import com.stack.sandbox.partners.DeliveryPolicy;
import com.stack.sandbox.partners.WebhookSender;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    @Test
    void configuredEndpointsAreSubscribedAtStartupWithoutAsking() {
        // nothing listens on port 1: a HEAD check would refuse both
        List<URI> endpoints =
                List.of(URI.create("http://127.0.0.1:1/webhooks/circle"), URI.create("http://127.0.0.1:1/other"));
        Subscriptions subscriptions = new Subscriptions(
                new WebhookSender(),
                new CircleNotificationProperties(
                        endpoints,
                        new DeliveryPolicy(1, Duration.ofMillis(1), Duration.ofSeconds(1)),
                        Duration.ofSeconds(1),
                        new CircleNotificationProperties.UsdcTokenIds("a", "b", "c", "d")));

        assertThat(subscriptions.all())
                .extracting(Subscription::endpoint)
                .containsExactly("http://127.0.0.1:1/webhooks/circle", "http://127.0.0.1:1/other");
        assertThat(subscriptions.all()).allSatisfy(subscription -> {
            assertThat(subscription.enabled()).isTrue();
            assertThat(subscription.notificationTypes()).containsExactly("*");
        });
    }
}
