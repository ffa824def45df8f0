package com.stack.funding.order.app;

import java.util.UUID;

import com.stack.funding.order.domain.OrderReservation;
import reactor.core.publisher.Mono;

/**
 * Funding's answers to investing's orders and their settlement, one per order (port; the adapter is
 * {@code adapters.OrderReservationRepository}, over {@code order_reservations}). Written under the user's balance
 * lock, inside the transaction that posts the ledger's side.
 */
public interface OrderReservationStore {

    /** The order's answer; empty when it has none yet. */
    Mono<OrderReservation> find(UUID orderId);

    /** Records the answer; the order must have none yet (the caller holds the user's lock and looked). */
    Mono<Void> insert(OrderReservation reservation);

    /** Keeps the settlement: the cumulative fill settled and, once the order ended, how. */
    Mono<Void> settled(OrderReservation reservation);
}
