package com.stack.sandbox.drivewealth.domain;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.stack.sandbox.market.domain.Execution;
import com.stack.sandbox.market.domain.Order;

/**
 * An order as DriveWealth shows it ({@code GET /orders/{id}}, and the payload of its order events with
 * {@code lastExecuted} for a fill). Amounts are JSON numbers; {@code null} where there is none.
 *
 * @param id            {@code DW-} and the exchange's order id
 * @param status        NEW, PARTIAL_FILL, FILLED, CANCELED, REJECTED or EXPIRED
 * @param cumQty        the quantity filled so far
 * @param averagePrice  the average fill price (9 decimals at most); {@code null} before a fill
 * @param amountCash    the notional of an amount order; {@code null} for a quantity order
 * @param quantity      as ordered; {@code null} for an amount order
 * @param price         the limit price of a LIMIT order
 * @param statusMessage why it was rejected (or expired)
 * @param lastExecuted  in an event about a fill: that fill; absent otherwise
 */
public record DriveWealthOrder(
        String id,
        String orderNo,
        String clientOrderID,
        String accountID,
        String accountNo,
        String symbol,
        String side,
        String orderType,
        String status,
        BigDecimal cumQty,
        BigDecimal averagePrice,
        BigDecimal amountCash,
        BigDecimal quantity,
        BigDecimal price,
        String statusMessage,
        Instant created,
        Instant updated,
        @JsonInclude(JsonInclude.Include.NON_NULL) LastExecuted lastExecuted) {

    public static final String ID_PREFIX = "DW-";

    public record LastExecuted(String id, BigDecimal qty, BigDecimal price) {}

    public static DriveWealthOrder of(Order order) {
        return of(order, null);
    }

    public static DriveWealthOrder of(Order order, Execution execution) {
        return new DriveWealthOrder(
                ID_PREFIX + order.id(),
                orderNo(order.id()),
                order.clientOrderId(),
                order.accountId(),
                order.accountNo(),
                order.instrument().symbol(),
                order.side().name(),
                order.type().name(),
                status(order),
                Order.quantity(order.filledQuantity()),
                order.averagePrice(),
                order.notional(),
                order.quantity(),
                order.limitPrice(),
                order.reason(),
                order.createdAt(),
                order.updatedAt(),
                execution == null
                        ? null
                        : new LastExecuted(
                                execution.id(), Order.quantity(execution.quantity()), Order.price(execution.price())));
    }

    /** The exchange's order id of a DriveWealth order id; empty when it is not one. */
    public static java.util.Optional<String> exchangeId(String id) {
        return id.startsWith(ID_PREFIX)
                ? java.util.Optional.of(id.substring(ID_PREFIX.length()))
                : java.util.Optional.empty();
    }

    /** DriveWealth's short order number: from the random tail of the order id. */
    static String orderNo(String orderId) {
        String hex = orderId.replace("-", "").toUpperCase(java.util.Locale.ROOT);
        return "DWOR" + hex.substring(hex.length() - 10);
    }

    static String status(Order order) {
        return switch (order.status()) {
            case ACCEPTED, NEW -> "NEW";
            case PARTIALLY_FILLED -> "PARTIAL_FILL";
            default -> order.status().name();
        };
    }

    public boolean isFinal() {
        return !"NEW".equals(status) && !"PARTIAL_FILL".equals(status);
    }
}
