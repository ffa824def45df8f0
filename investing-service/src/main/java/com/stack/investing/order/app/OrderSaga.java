package com.stack.investing.order.app;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.OrderReservationAnswered;
import com.stack.defaults.errors.ConflictException;
import com.stack.defaults.errors.NotFoundException;
import com.stack.defaults.metrics.SagaMetrics;
import com.stack.defaults.security.Caller;
import com.stack.defaults.transactions.AfterCommit;
import com.stack.investing.broker.app.Broker;
import com.stack.investing.broker.app.ExecutionReport;
import com.stack.investing.broker.app.ExecutionReports;
import com.stack.investing.order.domain.BasketProgress;
import com.stack.investing.order.domain.BrokerOrderState;
import com.stack.investing.order.domain.NextAction;
import com.stack.investing.order.domain.Order;
import com.stack.investing.order.domain.OrderExecution;
import com.stack.investing.order.domain.Reservation;
import com.stack.investing.portfolio.app.Positions;
import com.stack.investing.portfolio.domain.Holding;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The order saga after {@link PlaceOrder} recorded the order, step by step; the order's row is the saga's state,
 * so a restart resumes from it:
 * <ol>
 *   <li>{@link #reservationAnswered funding answers the reservation}: REFUSED -> the order FAILED (nothing was held);
 *       RESERVED -> the order (each basket child) is due for submission, or CANCELED at once when the user canceled
 *       while it waited (nothing was sent; the CANCELED status releases the hold).</li>
 *   <li>the broker loop ({@link BrokerOrderLoop}) submits it: {@link #placed} -> ACCEPTED_BY_BROKER;
 *       {@link #refusedByBroker} -> FAILED (the terminal status releases the hold).</li>
 *   <li>{@link #apply the broker's reports} fill it: filled amounts, positions and statuses, idempotently.</li>
 *   <li>{@link #cancel the user cancels}: while awaiting the reservation it is marked and the answer completes it;
 *       else each open (child) order is due for cancellation at the broker ({@link #canceledBeforeBroker} when it
 *       never got there), and the broker's final report ends it.</li>
 * </ol>
 * Every change of a top-level order (a basket's, derived from its children: {@link BasketProgress}) takes its next
 * version and is announced ({@link OrderAnnouncements}: OrderStatusChanged with the cumulative filled amount, the
 * notification when final, the live update). Writers lock a basket's parent before its children.
 */
public class OrderSaga implements ExecutionReports {

    /** The saga's name in the metrics ({@code stack.saga.*{saga=order}}). */
    public static final String SAGA = "order";

    private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

    private final OrderStore orders;
    private final Positions positions;
    private final OrderAnnouncements announcements;
    private final TransactionalOperator transactions;
    private final SagaMetrics metrics;
    private final String partner;
    private volatile Runnable actionsDue = () -> {};

    public OrderSaga(
            OrderStore orders,
            Positions positions,
            OrderAnnouncements announcements,
            TransactionalOperator transactions,
            SagaMetrics metrics,
            String partner) {
        this.orders = orders;
        this.positions = positions;
        this.announcements = announcements;
        this.transactions = transactions;
        this.metrics = metrics;
        this.partner = partner;
    }

    /** The broker this service trades at ({@code stack.investing.broker.partner}). */
    public String partner() {
        return partner;
    }

    /** What to run after a commit that made a broker action due (the broker loop's wake-up). */
    public void wakeOnCommit(Runnable wake) {
        this.actionsDue = wake;
    }

    // --- step 1: funding's answer (runs in the consumer's transaction) ---

    public Mono<Void> reservationAnswered(EventEnvelope<OrderReservationAnswered> event) {
        OrderReservationAnswered answer = event.data();
        if (!partner.equals(answer.broker())) {
            log.warn(
                    "Ignoring the reservation answer of order {}: from broker {}, this service trades at {}",
                    answer.orderId(),
                    answer.broker(),
                    partner);
            return Mono.empty();
        }
        return orders.lock(answer.orderId())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        log.warn("Reservation answer for unknown order {}; ignored", answer.orderId());
                        return Mono.empty();
                    }
                    Order order = found.get();
                    if (!order.userId().equals(answer.userId()) || !order.isTopLevel()) {
                        log.warn(
                                "Ignoring the reservation answer of order {}: not a top-level order of user {}",
                                answer.orderId(),
                                answer.userId());
                        return Mono.empty();
                    }
                    if (order.reservation() != Reservation.AWAITING) {
                        log.info(
                                "Ignoring a repeated reservation answer of order {} ({})",
                                order.id(),
                                order.reservation());
                        return Mono.empty();
                    }
                    boolean reserved = "RESERVED".equals(answer.outcome());
                    Timer.Sample step = metrics.stepStarted();
                    // a failed attempt is the consumer's to retry
                    return children(order)
                            .flatMap(children -> reserved
                                    ? reserved(order, children, answer)
                                    : refused(order, children, answer.reason()))
                            .doOnSuccess(done -> metrics.stepEnded(
                                    step, "reservation", reserved ? SagaMetrics.SUCCESS : SagaMetrics.FAILURE))
                            .doOnError(e -> metrics.stepEnded(step, "reservation", SagaMetrics.RETRY));
                });
    }

    private Mono<Void> refused(Order order, List<Order> children, String reason) {
        UnaryOperator<Order> fail = o -> OrderExecution.failed(
                o.withReservation(Reservation.REFUSED, o.broker(), o.brokerAccountId(), o.brokerAccountNo()),
                reason == null ? "RESERVATION_REFUSED" : reason);
        return Flux.fromIterable(children)
                .concatMap(child -> orders.save(fail.apply(child), false))
                .then(Mono.defer(() -> {
                    Order failed = fail.apply(order).nextVersion();
                    return orders.save(failed, false).then(announcements.statusChanged(order.status(), failed));
                }));
    }

    private Mono<Void> reserved(Order order, List<Order> children, OrderReservationAnswered answer) {
        UnaryOperator<Order> reserve = o -> o.withReservation(
                Reservation.RESERVED, answer.broker(), answer.brokerAccountId(), answer.brokerAccountNo());
        if (order.cancelRequested()) {
            UnaryOperator<Order> cancel = o -> OrderExecution.canceled(reserve.apply(o), "CANCELED_BY_USER");
            return Flux.fromIterable(children)
                    .concatMap(child -> orders.save(cancel.apply(child), false))
                    .then(Mono.defer(() -> {
                        Order canceled = cancel.apply(order).nextVersion();
                        return orders.save(canceled, false).then(announcements.statusChanged(order.status(), canceled));
                    }));
        }
        UnaryOperator<Order> submit = o -> reserve.apply(o).withNextAction(NextAction.SUBMIT);
        Mono<Void> saved = children.isEmpty()
                ? orders.save(submit.apply(order), true)
                : orders.save(reserve.apply(order), false)
                        .thenMany(
                                Flux.fromIterable(children).concatMap(child -> orders.save(submit.apply(child), true)))
                        .then();
        return saved.then(AfterCommit.run(() -> actionsDue.run()));
    }

    // --- step 2: the broker loop's outcomes (each in a transaction of its own) ---

    /** The broker took the order. */
    public Mono<Void> placed(UUID orderId, Broker.Placed placed) {
        return change(orderId, order -> {
            Order accepted = OrderExecution.accepted(order)
                    .withBrokerOrderRef(
                            order.brokerOrderRef() != null ? order.brokerOrderRef() : placed.brokerOrderId());
            return accepted.nextAction() == NextAction.SUBMIT ? accepted.withNextAction(null) : accepted;
        });
    }

    /** The broker refused the order for good: FAILED with its reason. */
    public Mono<Void> refusedByBroker(UUID orderId, String code) {
        return change(orderId, order -> OrderExecution.failed(order, code).withNextAction(null));
    }

    /** The order never reached the broker and the user canceled it. */
    public Mono<Void> canceledBeforeBroker(UUID orderId) {
        return change(
                orderId,
                order -> OrderExecution.canceled(order, "CANCELED_BY_USER").withNextAction(null));
    }

    /** The broker accepted the cancellation request; its final report ends the order. */
    public Mono<Void> cancelSent(UUID orderId) {
        return change(orderId, order -> order.nextAction() == NextAction.CANCEL ? order.withNextAction(null) : order);
    }

    // --- step 3: the broker's reports ---

    @Override
    public Mono<Void> apply(ExecutionReport report) {
        // a failed attempt is the broker intake's to retry
        return metrics.timedStep("broker_report", applied(report), e -> SagaMetrics.RETRY);
    }

    private Mono<Void> applied(ExecutionReport report) {
        return transactions
                .transactional(lockWithParent(report.clientOrderId())
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                        .flatMap(found -> {
                            if (found.isEmpty()) {
                                log.warn(
                                        "Broker report {} for unknown order {}; ignored",
                                        report.eventId(),
                                        report.clientOrderId());
                                return Mono.<Void>empty();
                            }
                            Order order = found.get();
                            OrderExecution.Outcome outcome = OrderExecution.apply(
                                    order,
                                    BrokerOrderState.valueOf(report.state().name()),
                                    report.cumulativeQuantity(),
                                    report.averagePrice(),
                                    report.reason());
                            if (outcome.capped()) {
                                log.warn(
                                        "Broker report {} of order {} fills more than its amount {}; capped",
                                        report.eventId(),
                                        order.id(),
                                        order.amountUsd());
                            }
                            Order updated = outcome.order();
                            if (updated.brokerOrderRef() == null && report.brokerOrderId() != null) {
                                updated = updated.withBrokerOrderRef(report.brokerOrderId());
                            }
                            Mono<Void> position = outcome.quantityDelta().signum() > 0
                                    ? positions
                                            .lock(order.userId(), order.symbol(), order.assetType())
                                            .defaultIfEmpty(Holding.none(order.symbol(), order.assetType()))
                                            .flatMap(holding -> positions.save(
                                                    order.userId(),
                                                    holding.after(
                                                            order.side(),
                                                            outcome.quantityDelta(),
                                                            outcome.amountDelta())))
                                    : Mono.empty();
                            return position.then(persist(order, updated, false));
                        }))
                .then();
    }

    // --- step 4: the user cancels ---

    /** Cancels the caller's top-level order; answers it as it is now. */
    public Mono<Order> cancel(Caller caller, UUID orderId) {
        return transactions.transactional(orders.findForUser(caller.userId(), orderId)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("Order")))
                .flatMap(found -> orders.lock(found.id()))
                .flatMap(order -> {
                    if (order.status().isFinal()) {
                        return Mono.error(new ConflictException(
                                "ORDER_NOT_CANCELABLE",
                                "The order is " + order.status().name() + " already"));
                    }
                    if (order.cancelRequested()) {
                        return Mono.just(order);
                    }
                    Order marked = order.withCancelRequested();
                    if (order.reservation() == Reservation.AWAITING) {
                        return orders.save(marked, false).thenReturn(marked);
                    }
                    if (!order.isBasket()) {
                        Order canceling = marked.withNextAction(NextAction.CANCEL);
                        return orders.save(canceling, false)
                                .then(AfterCommit.run(() -> actionsDue.run()))
                                .thenReturn(canceling);
                    }
                    return orders.lockChildren(order.id())
                            .flatMapMany(Flux::fromIterable)
                            .filter(child -> !child.status().isFinal())
                            .concatMap(child ->
                                    orders.save(child.withCancelRequested().withNextAction(NextAction.CANCEL), false))
                            .then(orders.save(marked, false))
                            .then(AfterCommit.run(() -> actionsDue.run()))
                            .thenReturn(marked);
                }));
    }

    // --- the one way a (child) order changes ---

    private Mono<Void> change(UUID orderId, UnaryOperator<Order> step) {
        return transactions
                .transactional(lockWithParent(orderId).flatMap(order -> persist(order, step.apply(order), true)))
                .then();
    }

    /** Locks the order, after its parent when it is a basket's child. */
    private Mono<Order> lockWithParent(UUID orderId) {
        return orders.findById(orderId)
                .flatMap(found -> found.parentId() == null
                        ? orders.lock(orderId)
                        : orders.lock(found.parentId()).then(orders.lock(orderId)));
    }

    private Mono<List<Order>> children(Order order) {
        return order.isBasket() ? orders.lockChildren(order.id()) : Mono.just(List.of());
    }

    /**
     * Saves the order's new state; a change of what it filled or its status takes the next version and reaches the
     * top-level order: announced itself, or its basket derived again from the children.
     */
    private Mono<Void> persist(Order before, Order after, boolean dueNow) {
        boolean changed = before.executionDiffers(after);
        Order saved = changed ? after.nextVersion() : after;
        if (saved.status().isFinal() && saved.nextAction() != null) {
            saved = saved.withNextAction(null);
        }
        Order toSave = saved;
        return orders.save(toSave, dueNow)
                .then(Mono.defer(() -> !changed
                        ? Mono.<Void>empty()
                        : toSave.isTopLevel()
                                ? announcements.statusChanged(before.status(), toSave)
                                : basketChanged(toSave.parentId())));
    }

    private Mono<Void> basketChanged(UUID parentId) {
        return orders.lock(parentId)
                .flatMap(parent -> orders.lockChildren(parentId).flatMap(children -> {
                    Order derived = BasketProgress.derive(parent, children);
                    if (!parent.executionDiffers(derived)) {
                        return Mono.<Void>empty();
                    }
                    Order next = derived.nextVersion();
                    return orders.save(next, false).then(announcements.statusChanged(parent.status(), next));
                }));
    }
}
