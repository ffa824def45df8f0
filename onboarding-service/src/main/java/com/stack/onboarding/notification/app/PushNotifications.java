package com.stack.onboarding.notification.app;

import reactor.core.publisher.Mono;

/**
 * Sends pushes to users' devices: Firebase Cloud Messaging when it is configured, else a local stand-in that
 * only records them. Each device's outcome is recorded per notification ({@code push_sends}); a device that
 * was reached for this notification before is skipped, and a device token the platform calls dead is removed.
 */
public interface PushNotifications {

    /**
     * Sends {@code push} to every device token the user registered that this notification has not reached yet.
     *
     * @return empty once every such device was reached or found dead (also when the user has no device); fails
     *         with {@link PushUnavailableException} when some device could not be reached now (try again later:
     *         only those are sent to again)
     */
    Mono<Void> send(PushMessage push);
}
