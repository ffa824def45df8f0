package com.stack.onboarding.notification.app;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.NotificationRequested;
import com.stack.defaults.messaging.EventHandler;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Other domains' {@link NotificationRequested} events (a deposit funded, a withdrawal completed) into the
 * user's notification inbox, and onto their devices ({@link Notifications#record}). The notification's id is
 * derived from the event's, so even a redelivery that got past the consumer's processed-event record stores
 * (and pushes) it once.
 */
@Service
public class RequestedNotifications implements EventHandler<NotificationRequested> {

    static final int MAX_KIND = 64;
    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 2000;

    private final Notifications notifications;

    public RequestedNotifications(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<NotificationRequested> event) {
        NotificationRequested request = event.data();
        UUID id = UUID.nameUUIDFromBytes(("stack:notification:" + event.id()).getBytes(StandardCharsets.UTF_8));
        return notifications.record(
                id,
                request.userId(),
                cut(request.kind(), MAX_KIND),
                cut(request.title(), MAX_TITLE),
                cut(request.body(), MAX_BODY));
    }

    private static String cut(String text, int max) {
        String value = text == null ? "" : text;
        return value.length() <= max ? value : value.substring(0, max - 1) + "\u2026";
    }
}
