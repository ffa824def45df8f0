package com.stack.onboarding.notification.adapters;

import com.stack.onboarding.notification.app.PushMessage;
import com.stack.onboarding.notification.app.PushNotifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The push service when FCM is not configured (a developer machine, a test): sends nothing, logs each push it
 * would send and records it per device as sent on channel "local" ({@code push_sends}), so what would have been
 * pushed stays observable.
 */
public class LocalPushNotifications implements PushNotifications {

    private static final Logger log = LoggerFactory.getLogger(LocalPushNotifications.class);

    private final DeviceFanOut fanOut;

    public LocalPushNotifications(DeviceFanOut fanOut) {
        this.fanOut = fanOut;
    }

    @Override
    public Mono<Void> send(PushMessage push) {
        return fanOut.send(
                push,
                "local",
                token -> Mono.fromSupplier(() -> {
                    log.info(
                            "Push (local, not sent) to a device of user {}: {} / {} {}",
                            push.userId(),
                            push.title(),
                            push.body(),
                            push.data());
                    return new DeviceFanOut.Outcome.Sent("local/" + push.notificationId());
                }));
    }
}
