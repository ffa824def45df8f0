package com.stack.sandbox.due.domain;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One attempt to deliver a status change to an endpoint, or one a fault dropped, as the control API
 * lists them.
 *
 * @param transferStatus the status the event announces
 * @param attempt        1 for the first try, counting retries (a duplicate starts at 1 again); absent when dropped
 * @param status         the receiver's HTTP status; absent when there was no answer
 * @param error          why there was no answer (refused connection, timeout)
 * @param dropped        {@code true} when a fault dropped the event: it was never sent to this endpoint
 * @param faults         the delivery faults that shaped it: "reorder", "duplicate" (the second copy), "drop"
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record WebhookDelivery(
        String eventId,
        String endpointId,
        String transferStatus,
        Integer attempt,
        Integer status,
        String error,
        Boolean dropped,
        List<String> faults,
        Instant at) {}
