package com.stack.funding.inbox.config;

import com.stack.funding.partner.adapters.circle.CircleNotificationSubscription;
import com.stack.funding.partner.adapters.circle.CircleProperties;
import com.stack.funding.partner.adapters.circle.CircleSubscriptionClient;
import com.stack.funding.partner.adapters.circle.CircleSubscriptionHealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Funding's Circle notification subscription for its public webhook URL ({@code stack.circle.notifications.*}),
 * and its health indicator {@code circleSubscription}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CircleNotificationSubscription.Settings.class)
class CircleSubscriptionConfiguration {

    @Bean
    CircleNotificationSubscription circleNotificationSubscription(
            WebClient.Builder webClients, CircleProperties circle, CircleNotificationSubscription.Settings settings) {
        return new CircleNotificationSubscription(
                new CircleSubscriptionClient(
                        webClients, circle.notificationsBaseUrl(), circle.apiKey(), settings.resilience()),
                settings);
    }

    @Bean
    CircleSubscriptionHealthIndicator circleSubscriptionHealthIndicator(CircleNotificationSubscription subscription) {
        return new CircleSubscriptionHealthIndicator(subscription);
    }
}
