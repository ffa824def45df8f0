package com.stack.onboarding.app;

import java.util.UUID;

import com.stack.defaults.errors.NotFoundException;
import com.stack.defaults.security.Caller;
import com.stack.onboarding.adapters.NotificationRepository;
import com.stack.onboarding.adapters.PushDeliveryRepository;
import com.stack.onboarding.domain.Notification;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The user's notification inbox: recording a notification (and queueing its push), listing, marking read. */
@Service
public class Notifications {

    private final NotificationRepository notifications;
    private final PushDeliveryRepository pushes;
    private final PushDeliveries pushDeliveries;

    public Notifications(NotificationRepository notifications, PushDeliveryRepository pushes, PushDeliveries pushDeliveries) {
        this.notifications = notifications;
        this.pushes = pushes;
        this.pushDeliveries = pushDeliveries;
    }

    /**
     * Records the notification unless one with its id exists and, when recorded now, a pending push delivery of
     * it. Runs inside the caller's transaction; the push is sent by {@link PushDeliveries} after the commit, so
     * it can neither hold up nor roll back the recording, and a notification is pushed once.
     */
    public Mono<Void> record(UUID id, UUID userId, String kind, String title, String body) {
        return notifications.insertOnce(id, userId, kind, title, body)
                .filter(inserted -> inserted)
                .flatMap(inserted -> pushes.insertPending(id, userId).then(pushDeliveries.afterCommit()));
    }

    public Flux<Notification> list(Caller caller, boolean unreadOnly) {
        return notifications.findForUser(caller.userId(), unreadOnly);
    }

    public Mono<Notification> markRead(Caller caller, UUID id) {
        return notifications.markRead(caller.userId(), id)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("Notification")));
    }
}
