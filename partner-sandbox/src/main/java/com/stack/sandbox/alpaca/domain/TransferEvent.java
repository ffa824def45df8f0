package com.stack.sandbox.alpaca.domain;

import java.time.Instant;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One status change of a transfer on the funding status event stream.
 *
 * @param eventId    a ULID: events sort by it in the order they happened; resume after one with {@code since_id}
 * @param statusFrom {@code ""} for the transfer's first event
 * @param amount     two decimals, such as "100.00"
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransferEvent(
        String eventId,
        Instant at,
        String accountId,
        String transferId,
        String statusFrom,
        String statusTo,
        String direction,
        String type,
        String amount) {}
