package com.stack.funding.order.app;

import java.math.BigDecimal;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.OrderStatusChanged;
import com.stack.defaults.messaging.EventHandler;
import com.stack.defaults.messaging.PoisonEventException;
import com.stack.defaults.transactions.AfterCommit;
import com.stack.funding.ledger.app.Ledger;
import com.stack.funding.ledger.app.LedgerStore;
import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.order.domain.OrderReservation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Settles an order's reservation from investing's {@link OrderStatusChanged}, in one transaction (the consumer's)
 * under the user's balance lock ({@link OrderReservation#settle} decides): the cumulative fill beyond what was
 * settled moves, for a buy, from the user's pending order to the house's invested account (never more than the
 * hold has left: the rest is logged as an error and counted, never taken from buying power), for a sell, from
 * invested to the user's buying power; the first terminal status (FILLED, FAILED, CANCELED) releases what a buy
 * held and did not fill. A repeated, older or reordered status moves nothing (the cumulative comparison, and each
 * posting's reference). Orders without a reservation here, or refused ones, are ignored: another funding
 * instance, with another broker, may own them.
 */
public class OrderSettlements implements EventHandler<OrderStatusChanged> {

    private static final Logger log = LoggerFactory.getLogger(OrderSettlements.class);

    private final OrderReservationStore reservations;
    private final LedgerStore balances;
    private final Ledger ledger;
    private final TransactionalOperator transactions;
    private final OrderMetrics metrics;

    public OrderSettlements(
            OrderReservationStore reservations,
            LedgerStore balances,
            Ledger ledger,
            TransactionalOperator transactions,
            OrderMetrics metrics) {
        this.reservations = reservations;
        this.balances = balances;
        this.ledger = ledger;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<OrderStatusChanged> event) {
        OrderStatusChanged status = event.data();
        if (status.orderId() == null) {
            return Mono.error(PoisonEventException.invalid("OrderStatusChanged " + event.id() + " names no order"));
        }
        // a row is never deleted and its user never changes: whether the order is ours is known without the lock
        return transactions.transactional(reservations
                .find(status.orderId())
                .filter(OrderReservation::reserved)
                .flatMap(ours -> settle(event, ours))
                .switchIfEmpty(Mono.fromRunnable(() -> log.debug(
                        "OrderStatusChanged {}: order {} has no reservation"
                                + " here (another broker's, or refused); ignored",
                        event.id(),
                        status.orderId())))
                .then());
    }

    private Mono<Void> settle(EventEnvelope<OrderStatusChanged> event, OrderReservation ours) {
        OrderStatusChanged status = event.data();
        BigDecimal filled;
        try {
            filled = OrderReservation.usd("filledAmountUsd", status.filledAmountUsd());
        } catch (IllegalArgumentException e) {
            return Mono.error(PoisonEventException.invalid(
                    "OrderStatusChanged " + event.id() + " of order " + status.orderId() + ": " + e.getMessage()));
        }
        OrderReservation.Terminal terminal = OrderReservation.Terminal.of(status.status());
        return balances.bumpBalanceVersion(ours.userId())
                // read again under the lock: what earlier events of the order settled
                .then(reservations.find(ours.orderId()))
                .flatMap(current -> apply(event, current, current.settle(filled, terminal)));
    }

    private Mono<Void> apply(
            EventEnvelope<OrderStatusChanged> event, OrderReservation before, OrderReservation.Settlement settlement) {
        if (!settlement.changed()) {
            return Mono.empty();
        }
        OrderReservation after = settlement.after();
        Mono<Boolean> postings = Mono.just(true);
        if (settlement.buyFilled().signum() > 0) {
            postings = postings.then(
                    ledger.post(LedgerPosting.orderBuyFilled(after, settlement.buyFilled(), after.settledFilledUsd())));
        }
        if (settlement.sellFilled().signum() > 0) {
            postings = postings.then(ledger.post(
                    LedgerPosting.orderSellFilled(after, settlement.sellFilled(), after.settledFilledUsd())));
        }
        if (settlement.released().signum() > 0) {
            postings = postings.then(ledger.post(LedgerPosting.orderReleased(after, settlement.released())));
        }
        Mono<Void> beyondHold = settlement.beyondHold().signum() == 0
                ? Mono.empty()
                : AfterCommit.run(() -> {
                    log.error(
                            "OrderStatusChanged {}: buy order {} of user {} filled {} USD beyond what its hold of {} USD"
                                    + " had left (settled {} before, {} now); not taken from buying power: reconcile with the broker",
                            event.id(),
                            after.orderId(),
                            after.userId(),
                            settlement.beyondHold().toPlainString(),
                            after.heldUsd().toPlainString(),
                            before.settledFilledUsd().toPlainString(),
                            after.settledFilledUsd().toPlainString());
                    metrics.fillBeyondHold();
                });
        return postings.then(reservations.settled(after)).then(beyondHold);
    }
}
