package com.stack.investing.broker.adapters.alpaca;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.stack.investing.broker.app.ExecutionReport;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alpaca's orders and trade events ({@code /v2/events/trades}), read into {@link ExecutionReport}s. An order is
 * {@code {id, client_order_id, symbol, status, filled_qty, filled_avg_price, updated_at, ...}} (quantities and
 * prices as strings); an event is {@code {event_id, at, account_id, event, execution_id, price, qty, position_qty,
 * order}} with the order as it is after the event (cumulative {@code filled_qty}). {@code event_id} is a ULID,
 * increasing, and what a reconnect resumes after. Unknown fields are ignored.
 */
public final class AlpacaOrders {

    public static final String STREAM = "trades";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AlpacaOrders() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Order(
            String id,
            @JsonProperty("client_order_id") String clientOrderId,
            String symbol,
            String status,
            @JsonProperty("filled_qty") BigDecimal filledQty,
            @JsonProperty("filled_avg_price") BigDecimal filledAvgPrice,
            @JsonProperty("updated_at") Instant updatedAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TradeEvent(@JsonProperty("event_id") String eventId, Instant at, String event, Order order) {}

    /** The event in an SSE message's data; a {@link MalformedEventException} when it is not one. */
    public static TradeEvent event(String data) {
        TradeEvent event;
        try {
            event = JSON.readValue(data, TradeEvent.class);
        } catch (JacksonException e) {
            throw new MalformedEventException("not a trade event: " + e.getOriginalMessage());
        }
        if (event == null
                || event.eventId() == null
                || event.eventId().isBlank()
                || event.eventId().length() > 255
                || event.event() == null
                || event.order() == null) {
            throw new MalformedEventException("event_id, event and order are required");
        }
        return event;
    }

    /** The report an event makes: its kind says the state, its order the cumulative fill. */
    public static ExecutionReport report(TradeEvent event) {
        ExecutionReport.State state = switch (event.event()) {
            case "new" -> ExecutionReport.State.ACCEPTED;
            case "partial_fill" -> ExecutionReport.State.PARTIALLY_FILLED;
            case "fill" -> ExecutionReport.State.FILLED;
            case "canceled" -> ExecutionReport.State.CANCELED;
            case "expired" -> ExecutionReport.State.EXPIRED;
            case "rejected" -> ExecutionReport.State.REJECTED;
            // pending_new, done_for_day, order_cancel_rejected, replaced...: the order's status says where it is
            default -> state(event.order());
        };
        return report(event.eventId(), event.order(), state, event.at());
    }

    /** The report an order read makes ({@code eventId} null). */
    public static ExecutionReport report(Order order) {
        return report(null, order, state(order), order.updatedAt());
    }

    private static ExecutionReport report(String eventId, Order order, ExecutionReport.State state, Instant at) {
        if (order.id() == null || order.id().isBlank()) {
            throw new MalformedEventException("an order needs its id");
        }
        UUID clientOrderId;
        try {
            clientOrderId = UUID.fromString(order.clientOrderId() == null ? "" : order.clientOrderId());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(
                    "client_order_id " + order.clientOrderId() + " is not an order of investing");
        }
        BigDecimal filled = order.filledQty() == null ? BigDecimal.ZERO : order.filledQty();
        BigDecimal average = filled.signum() == 0 ? null : order.filledAvgPrice();
        if (filled.signum() > 0 && average == null) {
            throw new MalformedEventException(
                    "order " + order.id() + " filled " + filled + " without an average price");
        }
        String reason = state == ExecutionReport.State.REJECTED
                        || state == ExecutionReport.State.CANCELED
                        || state == ExecutionReport.State.EXPIRED
                ? "order " + order.status()
                : null;
        return new ExecutionReport(
                eventId,
                clientOrderId,
                order.id(),
                state,
                filled,
                average,
                reason,
                at != null ? at : order.updatedAt());
    }

    /** An order's status as the port's state; a status of an order still working counts its fills. */
    static ExecutionReport.State state(Order order) {
        String status = order.status() == null ? "" : order.status().toLowerCase(Locale.ROOT);
        boolean filled = order.filledQty() != null && order.filledQty().signum() > 0;
        return switch (status) {
            case "filled" -> ExecutionReport.State.FILLED;
            case "canceled" -> ExecutionReport.State.CANCELED;
            case "expired" -> ExecutionReport.State.EXPIRED;
            case "rejected" -> ExecutionReport.State.REJECTED;
            case "partially_filled" -> ExecutionReport.State.PARTIALLY_FILLED;
            case "" -> throw new MalformedEventException("order " + order.id() + " without a status");
            // new, accepted, pending_new, done_for_day, pending_cancel, replaced...
            default -> filled ? ExecutionReport.State.PARTIALLY_FILLED : ExecutionReport.State.ACCEPTED;
        };
    }

    /** Something that is not an Alpaca order or trade event of investing. */
    public static final class MalformedEventException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public MalformedEventException(String message) {
            super(message, null, false, false);
        }
    }
}
