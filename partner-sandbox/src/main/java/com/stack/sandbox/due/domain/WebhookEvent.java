package com.stack.sandbox.due.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A webhook as Due sends it: {@code {"id": "wh_evt_...", "type": "transfer.status_changed", "data":
 * {...}, "occurredAt", "attemptedAt"}}. {@code attemptedAt} is the time of each attempt, so the bytes
 * (and the signature) differ from one attempt to the next while {@code id} stays.
 */
public record WebhookEvent(String id, String type, Data data, Instant occurredAt, Instant attemptedAt) {

    public static final String TRANSFER_STATUS_CHANGED = "transfer.status_changed";

    public static WebhookEvent of(StatusChange change, Instant attemptedAt) {
        return new WebhookEvent(
                change.eventId(),
                TRANSFER_STATUS_CHANGED,
                new Data(change.transferId(), change.status(), change.previousStatus(), change.failureReason()),
                change.occurredAt(),
                attemptedAt);
    }

    /** @param failureReason only when {@code status} is {@code failed} */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Data(String id, String status, String previousStatus, String failureReason) {}
}
