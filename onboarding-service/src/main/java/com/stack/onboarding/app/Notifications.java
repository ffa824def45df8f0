package com.stack.onboarding.app;

import java.util.UUID;

import com.stack.defaults.errors.NotFoundException;
import com.stack.defaults.security.Caller;
import com.stack.onboarding.adapters.NotificationRepository;
import com.stack.onboarding.domain.Notification;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Service
public class Notifications {

    private final NotificationRepository notifications;

    public Notifications(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    public Flux<Notification> list(Caller caller, boolean unreadOnly) {
        return notifications.findForUser(caller.userId(), unreadOnly);
    }

    public Mono<Notification> markRead(Caller caller, UUID id) {
        return notifications.markRead(caller.userId(), id)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("Notification")));
    }
}
