package com.stack.investing.order.app;

import java.time.Instant;

import com.stack.contracts.events.v1.NotificationRequested;
import com.stack.contracts.events.v1.OrderReservationRequested;
import com.stack.contracts.events.v1.OrderStatusChanged;
import com.stack.defaults.live.BestEffortPublishing;
import com.stack.defaults.live.LiveUpdates;
import com.stack.defaults.messaging.Outbox;
import com.stack.defaults.metrics.SagaMetrics;
import com.stack.defaults.transactions.AfterCommit;
import com.stack.investing.order.domain.Order;
import com.stack.investing.order.domain.OrderStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * What the saga tells others, inside the transaction of the change: the reservation request and every change of a
 * top-level order ({@code OrderStatusChanged} with the cumulative filled amount, and on a final status the user's
 * notification) into the outbox; after the commit, a change of status counted ({@code stack.saga.transitions}, and
 * {@code stack.saga.duration} when final) and the order to live subscribers ({@code orderUpdated}). A rolled-back
 * change announces nothing.
 */
@Service
public class OrderAnnouncements {

    private final Outbox outbox;
    private final LiveUpdates<Order> updates;
    private final SagaMetrics metrics;

    public OrderAnnouncements(Outbox outbox, LiveUpdates<Order> updates, SagaMetrics metrics) {
        this.outbox = outbox;
        this.updates = updates;
        this.metrics = metrics;
    }

    /** Asks funding to reserve what the new top-level order needs. */
    public Mono<Void> reservationRequested(Order order) {
        return outbox.append(new OrderReservationRequested(
                order.userId(),
                order.id(),
                order.side().name(),
                order.amountUsd().toPlainString(),
                Instant.now()));
    }

    /**
     * A top-level order was recorded ({@code before} null) or changed from {@code before} (its status or what
     * filled).
     */
    public Mono<Void> statusChanged(OrderStatus before, Order order) {
        if (!order.isTopLevel()) {
            return Mono.error(new IllegalArgumentException("Only a top-level order is announced: " + order.id()));
        }
        Mono<Void> notification = order.status().isFinal() ? outbox.append(notification(order)) : Mono.empty();
        Mono<Void> counted = before == order.status()
                ? Mono.empty()
                : AfterCommit.run(() ->
                        metrics.entered(order.status().column(), order.status().isFinal(), order.createdAt()));
        return outbox.append(event(order))
                .then(notification)
                .then(counted)
                .then(BestEffortPublishing.afterCommit(updates, order, "order " + order.id()));
    }

    static OrderStatusChanged event(Order order) {
        return new OrderStatusChanged(
                order.userId(),
                order.id(),
                order.status().name(),
                order.assetType().name(),
                order.symbol(),
                order.side().name(),
                order.amountUsd().toPlainString(),
                order.filledAmountUsd().setScale(2).toPlainString(),
                order.isBasket()
                        ? null
                        : order.filledQuantity().stripTrailingZeros().toPlainString(),
                order.failureReason(),
                order.version(),
                Instant.now());
    }

    static NotificationRequested notification(Order order) {
        String what = "Your " + order.side().name().toLowerCase(java.util.Locale.ROOT) + " order for "
                + (order.isBasket() ? "a basket" : order.symbol());
        String filled = order.filledAmountUsd().setScale(2).toPlainString() + " USD";
        return switch (order.status()) {
            case FILLED ->
                new NotificationRequested(
                        order.userId(), "ORDER_FILLED", "Order filled", what + " was filled: " + filled);
            case FAILED ->
                new NotificationRequested(
                        order.userId(),
                        "ORDER_REJECTED",
                        "Order rejected",
                        what + " was rejected" + (order.failureReason() == null ? "" : ": " + order.failureReason()));
            case CANCELED ->
                new NotificationRequested(
                        order.userId(),
                        "ORDER_CANCELED",
                        "Order canceled",
                        what + " was canceled; filled before that: " + filled
                                + (order.failureReason() == null ? "" : " (" + order.failureReason() + ")"));
            default -> throw new IllegalArgumentException("Not a final status: " + order.status());
        };
    }
}
