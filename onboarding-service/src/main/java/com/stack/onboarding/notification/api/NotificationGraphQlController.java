package com.stack.onboarding.notification.api;

import com.stack.defaults.graphql.Ids;
import com.stack.defaults.security.CallerResolver;
import com.stack.onboarding.notification.app.DeviceTokens;
import com.stack.onboarding.notification.app.Notifications;
import com.stack.onboarding.notification.domain.DevicePlatform;
import com.stack.onboarding.notification.domain.DeviceToken;
import com.stack.onboarding.notification.domain.Notification;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The caller's notifications (listed, read, followed live) and the devices that receive them as pushes. */
@Controller
public class NotificationGraphQlController {

    private final Notifications notifications;
    private final DeviceTokens devices;

    public NotificationGraphQlController(Notifications notifications, DeviceTokens devices) {
        this.notifications = notifications;
        this.devices = devices;
    }

    @QueryMapping
    public Flux<Notification> notifications(@Argument Boolean unreadOnly) {
        return CallerResolver.current()
                .flatMapMany(caller -> notifications.list(caller, Boolean.TRUE.equals(unreadOnly)));
    }

    /** The caller's new notifications, live, from the moment of subscribing. */
    @SubscriptionMapping
    public Flux<Notification> notificationReceived() {
        return CallerResolver.current().flatMapMany(notifications::received);
    }

    @MutationMapping
    public Mono<Notification> markNotificationRead(@Argument String id) {
        return CallerResolver.current()
                .flatMap(caller -> notifications.markRead(caller, Ids.parseOrNotFound("Notification", id)));
    }

    /** Validates the token here, at the boundary (the platform is checked by the schema's enum). */
    @MutationMapping
    public Mono<Boolean> registerDeviceToken(@Argument String token, @Argument DevicePlatform platform) {
        return CallerResolver.current().flatMap(caller -> devices.register(caller, DeviceToken.of(token), platform));
    }

    @MutationMapping
    public Mono<Boolean> unregisterDeviceToken(@Argument String token) {
        return CallerResolver.current().flatMap(caller -> devices.unregister(caller, token));
    }
}
