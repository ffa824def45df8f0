package com.stack.investing.order.app;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.stack.contracts.events.EventIds;
import com.stack.defaults.errors.ConflictException;
import com.stack.defaults.errors.InvalidInputException;
import com.stack.defaults.errors.RetryLaterException;
import com.stack.defaults.features.FeatureFlags;
import com.stack.defaults.security.Caller;
import com.stack.investing.basket.app.BasketCatalogue;
import com.stack.investing.broker.app.MarketData;
import com.stack.investing.order.domain.BasketSplit;
import com.stack.investing.order.domain.InvalidOrderException;
import com.stack.investing.order.domain.Order;
import com.stack.investing.order.domain.OrderRules;
import com.stack.investing.order.domain.OrderStatus;
import com.stack.investing.order.domain.Reservation;
import com.stack.investing.portfolio.app.BuyingPowers;
import com.stack.investing.portfolio.app.Positions;
import com.stack.investing.portfolio.domain.Holding;
import com.stack.investing.shared.domain.AssetType;
import com.stack.investing.shared.domain.Money;
import com.stack.investing.shared.domain.OrderSide;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code placeOrder}, the saga's first step: the request is checked ({@link OrderRules}); a repeat of the
 * idempotency key answers the order it made (another request under it is IDEMPOTENCY_KEY_REUSED); then, in one
 * transaction under the user's lock (their {@code buying_power} row), a buy must fit in the buying power funding
 * last announced minus the buys still awaiting their reservation, and a sell in the position at the current price
 * minus the open sells; the order (a basket's children too) is recorded PENDING awaiting its reservation, and
 * OrderReservationRequested and OrderStatusChanged(PENDING) go into the outbox. Funding's hold is the authority;
 * this check answers the common case at once, and concurrent orders of one user queue on the lock, so together
 * they never pass it for more than there is. An option order needs the feature flag {@value #OPTIONS_TRADING} on
 * for the user (FEATURE_NOT_ENABLED on {@code option} otherwise, nothing recorded); while no flag of that name is
 * defined, options are open to everyone, as before flags existed.
 */
@Service
public class PlaceOrder {

    /** The feature flag that gates options trading. */
    public static final String OPTIONS_TRADING = "options-trading";

    private final OrderStore orders;
    private final BuyingPowers buyingPower;
    private final Positions positions;
    private final BasketCatalogue catalogue;
    private final MarketData marketData;
    private final OrderAnnouncements announcements;
    private final TransactionalOperator transactions;
    private final FeatureFlags features;
    private final UserCountries countries;

    public PlaceOrder(
            OrderStore orders,
            BuyingPowers buyingPower,
            Positions positions,
            BasketCatalogue catalogue,
            MarketData marketData,
            OrderAnnouncements announcements,
            TransactionalOperator transactions,
            FeatureFlags features,
            UserCountries countries) {
        this.orders = orders;
        this.buyingPower = buyingPower;
        this.positions = positions;
        this.catalogue = catalogue;
        this.marketData = marketData;
        this.announcements = announcements;
        this.transactions = transactions;
        this.features = features;
        this.countries = countries;
    }

    /** One order to record: a single order, or a basket's parent with its children. */
    private record Plan(OrderRules.Valid request, Order order, List<Order> children) {

        List<Order> tradedOrders() {
            return children.isEmpty() ? List.of(order) : children;
        }
    }

    public Mono<Order> place(Caller caller, OrderRules.Input input) {
        return Mono.defer(() -> {
                    OrderRules.Valid request = OrderRules.check(input, LocalDate.now(ZoneOffset.UTC));
                    return orders.findByIdempotencyKey(caller.userId(), request.idempotencyKey())
                            .map(existing -> repeat(existing, request))
                            .switchIfEmpty(Mono.defer(() -> requireEnabled(caller, request)
                                    .then(Mono.defer(() -> plan(caller.userId(), request)))
                                    .flatMap(plan -> prices(plan)
                                            .flatMap(prices -> transactions.transactional(buyingPower
                                                    .lockForUser(caller.userId())
                                                    .flatMap(power -> orders.findByIdempotencyKey(
                                                                    caller.userId(), request.idempotencyKey())
                                                            .map(existing -> repeat(existing, request))
                                                            .switchIfEmpty(Mono.defer(
                                                                    () -> checkAndRecord(plan, power, prices)))))))));
                })
                .onErrorMap(
                        InvalidOrderException.class,
                        e -> new InvalidInputException(e.code(), e.field(), e.getMessage()));
    }

    /**
     * A new option order needs options trading on for the user (a repeat of an order already placed is answered
     * whatever the flag says now), evaluated for the user's country of record ({@link UserCountries}; before an
     * approval was heard of, a flag limited to countries lets only its allow-list through).
     */
    private Mono<Void> requireEnabled(Caller caller, OrderRules.Valid request) {
        if (request.option() == null) {
            return Mono.empty();
        }
        return countries
                .subject(caller.userId())
                .flatMap(subject -> features.isOn(OPTIONS_TRADING, subject, true)
                        ? Mono.<Void>empty()
                        : Mono.error(new InvalidOrderException(
                                "FEATURE_NOT_ENABLED", "option", "Options trading is not enabled for this account")));
    }

    private static Order repeat(OrderStore.Keyed existing, OrderRules.Valid request) {
        if (!request.fingerprint().equals(existing.requestHash())) {
            throw new ConflictException(
                    "IDEMPOTENCY_KEY_REUSED",
                    "This idempotency key was used for another order; use a new key for a new order");
        }
        return existing.order();
    }

    private Mono<Plan> plan(UUID userId, OrderRules.Valid request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (request.basketId() == null) {
            Order order = newOrder(
                    EventIds.next(),
                    userId,
                    null,
                    null,
                    request.assetType(),
                    request.instrument(),
                    request,
                    request.amountUsd(),
                    now);
            return Mono.just(new Plan(request, order, List.of()));
        }
        return catalogue
                .byId(request.basketId())
                .filter(basket -> basket.active())
                .switchIfEmpty(Mono.error(() -> InvalidOrderException.badInput("basketId", "is not a basket on offer")))
                .map(basket -> {
                    List<BasketSplit.Leg> legs = BasketSplit.split(request.amountUsd(), basket.composition());
                    if (legs.stream().anyMatch(leg -> leg.amountUsd().compareTo(OrderRules.MIN_AMOUNT) < 0)) {
                        throw InvalidOrderException.badInput(
                                "amountUsd",
                                "is too small for this basket: each of its " + legs.size() + " orders needs at least "
                                        + OrderRules.MIN_AMOUNT.toPlainString());
                    }
                    UUID parentId = EventIds.next();
                    Order parent = newOrder(
                            parentId,
                            userId,
                            null,
                            basket.id(),
                            AssetType.BASKET,
                            null,
                            request,
                            request.amountUsd(),
                            now);
                    List<Order> children = new ArrayList<>();
                    for (BasketSplit.Leg leg : legs) {
                        children.add(newOrder(
                                EventIds.next(),
                                userId,
                                parentId,
                                basket.id(),
                                AssetType.ofEquity(leg.symbol()),
                                leg.symbol(),
                                request,
                                leg.amountUsd(),
                                now));
                    }
                    return new Plan(request, parent, children);
                });
    }

    private static Order newOrder(
            UUID id,
            UUID userId,
            UUID parentId,
            UUID basketId,
            AssetType type,
            String symbol,
            OrderRules.Valid request,
            BigDecimal amount,
            Instant now) {
        boolean option = type == AssetType.OPTION;
        return new Order(
                id,
                userId,
                parentId,
                basketId,
                type,
                symbol,
                option ? request.option() : null,
                request.side(),
                amount,
                option ? BigDecimal.valueOf(request.option().contracts()) : null,
                option ? request.limitPrice() : null,
                OrderStatus.PENDING,
                null,
                BigDecimal.ZERO,
                Money.ZERO_USD,
                null,
                Reservation.AWAITING,
                null,
                null,
                null,
                null,
                false,
                null,
                0,
                1,
                now,
                now);
    }

    /** The current prices a sell of equities is checked at (options are checked by contracts); none for a buy. */
    private Mono<Map<String, MarketData.Quote>> prices(Plan plan) {
        if (plan.request().side() != OrderSide.SELL || plan.request().option() != null) {
            return Mono.just(Map.of());
        }
        Set<String> symbols = plan.tradedOrders().stream().map(Order::symbol).collect(Collectors.toSet());
        return marketData
                .quotes(symbols)
                .onErrorMap(
                        e -> !(e instanceof InvalidOrderException),
                        e -> RetryLaterException.busy(
                                "Prices are not available right now; try again shortly", Duration.ofSeconds(5)))
                .map(quotes -> {
                    if (!quotes.keySet().containsAll(symbols)) {
                        throw RetryLaterException.busy(
                                "Prices are not available right now; try again shortly", Duration.ofSeconds(5));
                    }
                    return quotes;
                });
    }

    private Mono<Order> checkAndRecord(Plan plan, BigDecimal power, Map<String, MarketData.Quote> prices) {
        Order order = plan.order();
        Mono<Void> check = order.side() == OrderSide.BUY
                ? checkBuyingPower(order, power)
                : Flux.fromIterable(plan.tradedOrders())
                        .concatMap(sell -> checkPosition(sell, prices))
                        .then();
        return check.then(orders.insert(
                        order, plan.request().idempotencyKey(), plan.request().fingerprint()))
                .thenMany(Flux.fromIterable(plan.children()).concatMap(child -> orders.insert(child, null, null)))
                .then(announcements.reservationRequested(order))
                .then(announcements.statusChanged(null, order))
                .thenReturn(order);
    }

    private Mono<Void> checkBuyingPower(Order order, BigDecimal power) {
        return orders.awaitingBuyTotal(order.userId()).flatMap(awaiting -> {
            BigDecimal available = power.subtract(awaiting);
            if (order.amountUsd().compareTo(available) > 0) {
                return Mono.error(new InvalidOrderException(
                        "INSUFFICIENT_BUYING_POWER",
                        "amountUsd",
                        "The buying power available is "
                                + Money.usd(available.max(BigDecimal.ZERO)).toPlainString() + " USD, less than "
                                + order.amountUsd().toPlainString()));
            }
            return Mono.empty();
        });
    }

    private Mono<Void> checkPosition(Order sell, Map<String, MarketData.Quote> prices) {
        return Mono.zip(
                        positions
                                .find(sell.userId(), sell.symbol())
                                .defaultIfEmpty(Holding.none(sell.symbol(), sell.assetType())),
                        orders.pendingSells(sell.userId(), sell.symbol()))
                .flatMap(found -> {
                    Holding holding = found.getT1();
                    OrderStore.PendingSells pending = found.getT2();
                    boolean covered;
                    if (sell.assetType() == AssetType.OPTION) {
                        covered =
                                holding.quantity().subtract(pending.quantity()).compareTo(sell.quantity()) >= 0;
                    } else {
                        BigDecimal value = holding.quantity()
                                .multiply(prices.get(sell.symbol()).price());
                        covered = value.subtract(pending.amountUsd()).compareTo(sell.amountUsd()) >= 0;
                    }
                    return covered
                            ? Mono.<Void>empty()
                            : Mono.error(new InvalidOrderException(
                                    "INSUFFICIENT_POSITION",
                                    "amountUsd",
                                    "The position in " + sell.symbol() + " does not cover this sale"));
                });
    }
}
