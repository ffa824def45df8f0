package com.stack.onboarding.notification.app;

import java.util.Map;
import java.util.UUID;

/**
 * A push to every device of a user: a recorded notification's title and body, and data for the app (string
 * values, as FCM wants them).
 *
 * @param notificationId the notification it announces; names the delivery, so a repeated send reaches each
 *                       device at most once
 */
public record PushMessage(UUID notificationId, UUID userId, String title, String body, Map<String, String> data) {

    public PushMessage {
        data = Map.copyOf(data);
    }
}
