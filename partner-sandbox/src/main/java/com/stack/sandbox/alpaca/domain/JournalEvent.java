package com.stack.sandbox.alpaca.domain;

import java.time.Instant;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One status change of a journal on the journal status event stream.
 *
 * @param eventId    a ULID: events sort by it in the order they happened; resume after one with {@code since_id}
 * @param statusFrom {@code ""} for the journal's first event
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JournalEvent(
        String eventId, String journalId, String entryType, String statusFrom, String statusTo, Instant at) {}
