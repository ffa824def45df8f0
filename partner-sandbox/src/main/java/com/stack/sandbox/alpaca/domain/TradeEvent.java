package com.stack.sandbox.alpaca.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One order change on the trade event stream ({@code GET /v2/events/trades}).
 *
 * @param eventId     a ULID: events sort by it in the order they happened; resume after one with {@code since_id}
 * @param event       new, partial_fill, fill, canceled, expired or rejected
 * @param executionId the fill's id; fills only (absent otherwise)
 * @param price       the fill's price; fills only
 * @param qty         the fill's quantity; fills only
 * @param positionQty the account's position in the symbol after the event
 * @param order       the order after the event: cumulative {@code filled_qty}, {@code filled_avg_price}, status
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TradeEvent(
        String eventId,
        Instant at,
        String accountId,
        String event,
        String executionId,
        String price,
        String qty,
        String positionQty,
        AlpacaOrder order) {}
