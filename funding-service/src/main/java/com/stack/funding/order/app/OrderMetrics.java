package com.stack.funding.order.app;

import com.stack.funding.order.domain.OrderReservation;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Metrics of the order saga's funding side (tags have bounded values):
 * <ul>
 *   <li>{@code stack.funding.orders.reservations{side, outcome, reason}}: reservation requests answered the first
 *       time ({@code reason} is {@code none} when reserved).</li>
 *   <li>{@code stack.funding.orders.fills_beyond_hold}: buy fills that the order's hold did not cover (a broker
 *       filled more than the order reserved): moved nowhere, never taken from buying power. Alert on any.</li>
 * </ul>
 */
public class OrderMetrics {

    private final MeterRegistry registry;

    public OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void answered(OrderReservation reservation) {
        registry.counter(
                        "stack.funding.orders.reservations",
                        "side",
                        reservation.side().column(),
                        "outcome",
                        reservation.outcome().column(),
                        "reason",
                        reservation.reason() == null
                                ? "none"
                                : reservation.reason().column())
                .increment();
    }

    void fillBeyondHold() {
        registry.counter("stack.funding.orders.fills_beyond_hold").increment();
    }
}
