package com.stack.onboarding.notification.app;

import java.util.UUID;

import com.stack.onboarding.notification.domain.Notification;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The users' notifications (port; the adapter is {@code adapters.NotificationRepository}, over {@code notifications}). */
public interface NotificationStore {

    /** The user's notifications (only the unread ones if {@code unreadOnly}), newest first, up to a limit. */
    Flux<Notification> findForUser(UUID userId, boolean unreadOnly);

    /** Inserts the notification unless one with the same id exists: the notification if inserted now, else empty. */
    Mono<Notification> insertOnce(UUID id, UUID userId, String kind, String title, String body);

    /** Marks the user's notification read; empty when the user has no such notification. */
    Mono<Notification> markRead(UUID userId, UUID id);
}
