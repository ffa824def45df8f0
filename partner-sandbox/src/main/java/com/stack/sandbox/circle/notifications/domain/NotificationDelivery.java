package com.stack.sandbox.circle.notifications.domain;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One attempt to deliver a notification to a subscription, or a notification a fault dropped, as
 * the control API lists them.
 *
 * @param attempt 1 for the first try of this delivery, counting retries (a duplicate copy starts at 1
 *                again); absent when the notification was dropped
 * @param status  the receiver's HTTP status; absent when there was no answer
 * @param error   why there was no answer (refused connection, timeout)
 * @param dropped {@code true} when a fault dropped the notification: it was never sent
 * @param faults  the delivery faults that shaped this delivery: "reorder", "duplicate" (this is the
 *                second copy), "drop"
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NotificationDelivery(
        String notificationId,
        String subscriptionId,
        String state,
        Integer attempt,
        Integer status,
        String error,
        Boolean dropped,
        List<String> faults,
        Instant at) {}
