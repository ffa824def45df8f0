package com.stack.funding.order.app;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.OrderReservationAnswered;
import com.stack.contracts.events.v1.OrderReservationRequested;
import com.stack.defaults.messaging.EventHandler;
import com.stack.defaults.messaging.Outbox;
import com.stack.defaults.messaging.PoisonEventException;
import com.stack.defaults.transactions.AfterCommit;
import com.stack.funding.broker.app.BrokerAccounts;
import com.stack.funding.broker.app.BrokerBuyingPower;
import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.ledger.app.Ledger;
import com.stack.funding.ledger.app.LedgerStore;
import com.stack.funding.ledger.domain.LedgerPosting;
import com.stack.funding.order.domain.OrderReservation;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Answers investing's {@link OrderReservationRequested}, in one transaction (the consumer's) under the user's
 * balance lock: a request for an order answered before gets the same answer again and holds nothing more;
 * otherwise the user's account at this funding's broker must exist (else REFUSED NO_BROKER_ACCOUNT) and, for a
 * buy, the buying power must cover the amount (else REFUSED INSUFFICIENT_BUYING_POWER), and then the buy's amount
 * moves from buying power to the user's pending order ({@link LedgerPosting#orderHeld}); a sell holds nothing.
 * A buy the ledger covers is then checked against the broker's own buying power ({@link BrokerBuyingPower}, read
 * before the lock is taken): less there is REFUSED BROKER_BUYING_POWER_SHORT. A broker that cannot be asked does
 * not hold the order up: it is answered on the ledger alone, as the broker itself refuses an order it cannot fund.
 * The answer is recorded ({@code order_reservations}) and appended as {@link OrderReservationAnswered} before the
 * hold's BuyingPowerChanged, in the same transaction. Concurrent requests of one user wait on the lock, so together they never hold more
 * than the buying power there is.
 */
public class OrderReservations implements EventHandler<OrderReservationRequested> {

    private final OrderReservationStore reservations;
    private final BrokerAccounts accounts;
    private final LedgerStore balances;
    private final Ledger ledger;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final OrderMetrics metrics;
    private final String broker;
    private final BrokerBuyingPower brokerBuyingPower;

    public OrderReservations(
            OrderReservationStore reservations,
            BrokerAccounts accounts,
            LedgerStore balances,
            Ledger ledger,
            Outbox outbox,
            TransactionalOperator transactions,
            OrderMetrics metrics,
            String broker,
            BrokerBuyingPower brokerBuyingPower) {
        this.brokerBuyingPower = brokerBuyingPower;
        this.reservations = reservations;
        this.accounts = accounts;
        this.balances = balances;
        this.ledger = ledger;
        this.outbox = outbox;
        this.transactions = transactions;
        this.metrics = metrics;
        this.broker = broker;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<OrderReservationRequested> event) {
        return Mono.defer(() -> {
            Request request = Request.of(event.data());
            Mono<BrokerBuyingPower.Reading> atBroker = request.side() == OrderReservation.Side.BUY
                    ? brokerBuyingPower.forTrade(request.userId())
                    : Mono.just(BrokerBuyingPower.Reading.NO_ACCOUNT);
            return atBroker.flatMap(reading -> transactions.transactional(balances.bumpBalanceVersion(request.userId())
                    .then(reservations.find(request.orderId()))
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .flatMap(existing -> existing.isPresent()
                            ? repeat(existing.get(), request)
                                    .flatMap(reservation -> outbox.append(answered(reservation)))
                            : answer(request, reading))));
        });
    }

    private Mono<OrderReservation> repeat(OrderReservation existing, Request request) {
        if (!existing.userId().equals(request.userId())) {
            return Mono.error(PoisonEventException.invalid("order " + request.orderId() + " belongs to another user"));
        }
        return Mono.just(existing);
    }

    private Mono<Void> answer(Request request, BrokerBuyingPower.Reading atBroker) {
        return accounts.find(request.userId(), broker)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .zipWith(balances.totalsForUser(request.userId()))
                .flatMap(found -> {
                    Optional<Brokerage.Account> account = found.getT1();
                    // the database keeps microseconds: a repeated answer carries the same time
                    OrderReservation answer = OrderReservation.answer(
                            request.orderId(),
                            request.userId(),
                            request.side(),
                            request.amountUsd(),
                            found.getT2().buyingPower(),
                            broker,
                            account.map(Brokerage.Account::accountId).orElse(null),
                            account.map(Brokerage.Account::accountNo).orElse(null),
                            Instant.now().truncatedTo(ChronoUnit.MICROS));
                    OrderReservation reservation =
                            answer.heldUsd().signum() > 0 && brokerBuyingPower.isShort(atBroker, answer.amountUsd())
                                    ? answer.refusedByBroker()
                                    : answer;
                    Mono<Boolean> hold = reservation.heldUsd().signum() > 0
                            ? ledger.post(LedgerPosting.orderHeld(reservation))
                            : Mono.just(false);
                    // the answer goes out before the hold's BuyingPowerChanged (same topic and key, so investing reads
                    // them in this order): investing must never see the lowered buying power while it still counts
                    // the order as awaiting its reservation, or its pre-check would count the hold twice and refuse
                    // an order the buying power covers; the other way round it over-estimates for a moment, which
                    // is safe, as this reservation is the check that holds
                    return outbox.append(answered(reservation))
                            .then(hold)
                            .then(reservations.insert(reservation))
                            .then(AfterCommit.run(() -> metrics.answered(reservation)));
                });
    }

    private static OrderReservationAnswered answered(OrderReservation reservation) {
        return new OrderReservationAnswered(
                reservation.userId(),
                reservation.orderId(),
                reservation.outcome().name(),
                reservation.reason() == null ? null : reservation.reason().name(),
                reservation.heldUsd().toPlainString(),
                reservation.broker(),
                reservation.brokerAccountId(),
                reservation.brokerAccountNo(),
                reservation.createdAt());
    }

    /** The request's data, checked: invalid data can never be answered, so it is poison. */
    private record Request(UUID userId, UUID orderId, OrderReservation.Side side, BigDecimal amountUsd) {

        static Request of(OrderReservationRequested data) {
            try {
                Objects.requireNonNull(data.userId(), "userId is missing");
                Objects.requireNonNull(data.orderId(), "orderId is missing");
                OrderReservation.Side side =
                        OrderReservation.Side.valueOf(Objects.requireNonNull(data.side(), "side is missing"));
                BigDecimal amount = OrderReservation.usd("amountUsd", data.amountUsd());
                if (amount.signum() == 0) {
                    throw new IllegalArgumentException("amountUsd is zero");
                }
                return new Request(data.userId(), data.orderId(), side, amount);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw PoisonEventException.invalid(
                        "OrderReservationRequested for order " + data.orderId() + ": " + e.getMessage());
            }
        }
    }
}
