package com.stack.onboarding.notification.adapters.redis;

import java.time.Instant;
import java.util.UUID;

import com.stack.defaults.live.LiveUpdates;
import com.stack.defaults.live.RedisLiveUpdates;
import com.stack.onboarding.notification.domain.Notification;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * New notifications over Redis pub/sub ({@link RedisLiveUpdates}): the channel
 * {@code stack:onboarding:notifications:<userId>}, carrying the notification as JSON in a message record of its
 * own (the wire format, kept apart from the domain record).
 */
public final class NotificationLiveUpdates {

    static final String CHANNEL_PREFIX = "stack:onboarding:notifications";

    private NotificationLiveUpdates() {}

    public static LiveUpdates<Notification> of(ReactiveStringRedisTemplate redis) {
        return RedisLiveUpdates.of(
                redis,
                CHANNEL_PREFIX,
                NotificationMessage.class,
                NotificationMessage::of,
                NotificationMessage::notification,
                NotificationMessage::userId);
    }

    record NotificationMessage(
            UUID id, UUID userId, String kind, String title, String body, String createdAt, boolean read) {

        static NotificationMessage of(Notification notification) {
            return new NotificationMessage(
                    notification.id(),
                    notification.userId(),
                    notification.kind(),
                    notification.title(),
                    notification.body(),
                    notification.createdAt().toString(),
                    notification.read());
        }

        Notification notification() {
            return new Notification(id, userId, kind, title, body, Instant.parse(createdAt), read);
        }
    }
}
