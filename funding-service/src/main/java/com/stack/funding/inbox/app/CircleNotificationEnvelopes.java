package com.stack.funding.inbox.app;

import java.time.Instant;

/**
 * Reads the envelope of a Circle notification whose signature was checked (port; the adapter is
 * {@code partner.adapters.circle.CircleNotifications#envelope}, which reads Circle's JSON).
 */
@FunctionalInterface
public interface CircleNotificationEnvelopes {

    /** Reads the envelope of a verified body; a {@link MalformedNotificationException} when it is not one. */
    Envelope envelope(byte[] body);

    /** The envelope fields the intake needs. */
    record Envelope(String notificationId, String notificationType, Instant timestamp) {}
}
