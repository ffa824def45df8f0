package com.stack.investing.broker.adapters.drivewealth;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.stack.defaults.partners.drivewealth.DriveWealthEvent;
import com.stack.defaults.partners.drivewealth.DriveWealthEvent.MalformedEventException;
import com.stack.investing.broker.app.ExecutionReport;
import tools.jackson.databind.JsonNode;

/**
 * DriveWealth's order events as its order-events SQS queue delivers them ({@link DriveWealthEvent}), and its order
 * JSON (the same in {@code GET /orders}), read into {@link ExecutionReport}s; a {@link MalformedEventException} when
 * one is not an order event or order investing placed. An order event has type {@code orders.updated} (accepted, partially filled) or {@code orders.completed} (filled, canceled,
 * rejected, expired); the payload is the order: {@code id}, {@code clientOrderID}, {@code status},
 * {@code cumQty}, {@code averagePrice}, {@code statusMessage}, {@code updated}. Unknown fields are ignored.
 */
public final class DriveWealthOrderEvents {

    public static final String ORDERS_UPDATED = "orders.updated";
    public static final String ORDERS_COMPLETED = "orders.completed";

    private DriveWealthOrderEvents() {}

    /** One event: its id, its type and, for an order event, the order. */
    public record Event(String id, String type, Order order) {

        public boolean isOrderEvent() {
            return ORDERS_UPDATED.equals(type) || ORDERS_COMPLETED.equals(type);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Order(
            String id,
            String clientOrderID,
            String status,
            BigDecimal cumQty,
            BigDecimal averagePrice,
            String statusMessage,
            Instant updated) {}

    /** The event in an SQS message's body; a {@link MalformedEventException} when it is not one. */
    public static Event event(String body) {
        DriveWealthEvent read = DriveWealthEvent.read(body);
        Event event = new Event(read.id(), read.type(), null);
        return event.isOrderEvent() ? new Event(read.id(), read.type(), order(read.payload())) : event;
    }

    /** An order as DriveWealth writes it (an event's payload, a read's answer). */
    public static Order order(String json) {
        return order(DriveWealthEvent.object(json));
    }

    private static Order order(JsonNode node) {
        Order order = DriveWealthEvent.value(node, Order.class, "an order");
        if (order.id() == null || order.id().isBlank() || order.status() == null) {
            throw new MalformedEventException("an order needs id and status");
        }
        return order;
    }

    /**
     * The report an order makes. {@code eventId} is the event's id, or null for a status read. An order
     * without a {@code clientOrderID} that is investing's order id is not one investing placed.
     */
    public static ExecutionReport report(String eventId, Order order) {
        UUID clientOrderId;
        try {
            clientOrderId = UUID.fromString(order.clientOrderID() == null ? "" : order.clientOrderID());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(
                    "clientOrderID " + order.clientOrderID() + " is not an order of investing");
        }
        ExecutionReport.State state = state(order.status());
        BigDecimal filled = order.cumQty() == null ? BigDecimal.ZERO : order.cumQty();
        BigDecimal average = filled.signum() == 0 ? null : order.averagePrice();
        if (filled.signum() > 0 && average == null) {
            throw new MalformedEventException(
                    "order " + order.id() + " filled " + filled + " without an average price");
        }
        String reason = state == ExecutionReport.State.REJECTED
                        || state == ExecutionReport.State.CANCELED
                        || state == ExecutionReport.State.EXPIRED
                ? order.statusMessage()
                : null;
        return new ExecutionReport(eventId, clientOrderId, order.id(), state, filled, average, reason, order.updated());
    }

    static ExecutionReport.State state(String status) {
        return switch (status) {
            case "NEW" -> ExecutionReport.State.ACCEPTED;
            case "PARTIAL_FILL" -> ExecutionReport.State.PARTIALLY_FILLED;
            case "FILLED" -> ExecutionReport.State.FILLED;
            case "CANCELED" -> ExecutionReport.State.CANCELED;
            case "REJECTED" -> ExecutionReport.State.REJECTED;
            case "EXPIRED" -> ExecutionReport.State.EXPIRED;
            default -> throw new MalformedEventException("unknown order status " + status);
        };
    }
}
