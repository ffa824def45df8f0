package com.stack.sandbox.due.domain;

import java.time.Instant;

/**
 * One status change of a transfer, announced to every webhook endpoint as one event.
 *
 * @param eventId {@code wh_evt_...}: the same for every attempt and duplicate of its delivery
 */
public record StatusChange(
        String eventId,
        String transferId,
        String status,
        String previousStatus,
        String failureReason,
        Instant occurredAt) {}
