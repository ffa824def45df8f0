package com.stack.onboarding.notification.app;

import java.util.UUID;

import com.stack.defaults.errors.NotFoundException;
import com.stack.defaults.live.BestEffortPublishing;
import com.stack.defaults.live.LiveUpdates;
import com.stack.defaults.security.Caller;
import com.stack.onboarding.notification.domain.Notification;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The user's notification inbox: recording a notification (and queueing its push, and publishing it to the user's
 * live subscribers), listing, marking read, following new ones.
 */
@Service
public class Notifications {

    private final NotificationStore notifications;
    private final PushDeliveryStore pushes;
    private final PushDeliveries pushDeliveries;
    private final LiveUpdates<Notification> received;

    public Notifications(
            NotificationStore notifications,
            PushDeliveryStore pushes,
            PushDeliveries pushDeliveries,
            LiveUpdates<Notification> received) {
        this.notifications = notifications;
        this.pushes = pushes;
        this.pushDeliveries = pushDeliveries;
        this.received = received;
    }

    /**
     * Records the notification unless one with its id exists and, when recorded now, a pending push delivery of
     * it. Runs inside the caller's transaction; the push is sent by {@link PushDeliveries} after the commit, so
     * it can neither hold up nor roll back the recording, and a notification is pushed once. A notification
     * recorded now is also published to the user's live subscribers after the commit (best effort).
     */
    public Mono<Void> record(UUID id, UUID userId, String kind, String title, String body) {
        return notifications
                .insertOnce(id, userId, kind, title, body)
                .flatMap(recorded -> pushes.insertPending(id, userId)
                        .then(pushDeliveries.afterCommit())
                        .then(BestEffortPublishing.afterCommit(received, recorded, "notification " + id)));
    }

    /** The caller's notifications recorded from about now on, as each is committed; never another user's. */
    public Flux<Notification> received(Caller caller) {
        return received.of(caller.userId())
                .filter(notification -> caller.userId().equals(notification.userId()));
    }

    public Flux<Notification> list(Caller caller, boolean unreadOnly) {
        return notifications.findForUser(caller.userId(), unreadOnly);
    }

    public Mono<Notification> markRead(Caller caller, UUID id) {
        return notifications
                .markRead(caller.userId(), id)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("Notification")));
    }
}
