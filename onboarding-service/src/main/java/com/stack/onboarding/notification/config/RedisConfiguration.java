package com.stack.onboarding.notification.config;

import com.stack.defaults.live.LiveUpdates;
import com.stack.onboarding.notification.adapters.redis.NotificationLiveUpdates;
import com.stack.onboarding.notification.domain.Notification;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Redis (Lettuce) for live updates: new notifications ({@link NotificationLiveUpdates}); service defaults open
 * its connection at startup.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

    @Bean
    LiveUpdates<Notification> notificationUpdates(ReactiveStringRedisTemplate redis) {
        return NotificationLiveUpdates.of(redis);
    }
}
