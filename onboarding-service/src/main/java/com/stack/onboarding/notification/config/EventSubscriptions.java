package com.stack.onboarding.notification.config;

import com.stack.contracts.events.v1.NotificationRequested;
import com.stack.defaults.messaging.EventSubscription;
import com.stack.onboarding.notification.app.RequestedNotifications;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The events onboarding-service consumes. */
@Configuration(proxyBeanMethods = false)
class EventSubscriptions {

    @Bean
    EventSubscription<NotificationRequested> notificationRequested(RequestedNotifications notifications) {
        return EventSubscription.on(NotificationRequested.class, notifications);
    }
}
