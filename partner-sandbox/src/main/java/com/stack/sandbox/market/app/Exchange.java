package com.stack.sandbox.market.app;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.stack.sandbox.market.config.MarketProperties;
import com.stack.sandbox.market.domain.AssetClass;
import com.stack.sandbox.market.domain.Execution;
import com.stack.sandbox.market.domain.FillBehaviour;
import com.stack.sandbox.market.domain.Instrument;
import com.stack.sandbox.market.domain.NewOrder;
import com.stack.sandbox.market.domain.Order;
import com.stack.sandbox.market.domain.OrderRefusedException;
import com.stack.sandbox.market.domain.OrderRefusedException.Reason;
import com.stack.sandbox.market.domain.OrderStatus;
import com.stack.sandbox.market.domain.OrderUpdate;
import com.stack.sandbox.market.domain.Position;
import com.stack.sandbox.market.domain.Side;
import com.stack.sandbox.market.domain.TradingHours;
import com.stack.sandbox.partners.BackgroundTasks;
import com.stack.sandbox.partners.SandboxIds;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sandbox's exchange, behind both brokers: it takes orders, holds back the cash of open buys and
 * the quantity of open sells, fills orders by their symbol's {@link FillBehaviour} after the fill delay
 * (timers, no thread waits), moves the account's cash and position at each fill by the rule of
 * {@link Order}, and reports every change to the order's broker. Orders wait while the market is
 * closed; closing it expires every open order (all orders are day orders).
 *
 * <p>All state changes under this object's lock, in short steps with no I/O; a broker's report is
 * made under it too, so that each order's reports come in the order of its changes.
 */
@Service
public class Exchange {

    public static final String REJECTED_BY_EXCHANGE = "rejected by the exchange";
    public static final String EXPIRED_AT_CLOSE = "expired at the close";

    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Map<String, String> byClientOrderId = new HashMap<>();
    /** accountId -> symbol -> position. */
    private final Map<String, Map<String, Position>> positions = new HashMap<>();
    /** Limit orders waiting for their price, with the fill step they wait to take. */
    private final Map<String, Step> awaitingPrice = new LinkedHashMap<>();

    private final Map<String, Broker> brokers;
    private final Prices prices;
    private final MarketClock clock;
    private final FillBehaviours behaviours;
    private final BackgroundTasks background;
    private final MarketProperties properties;
    private boolean wasOpen;

    public Exchange(
            List<Broker> brokers,
            Prices prices,
            MarketClock clock,
            FillBehaviours behaviours,
            BackgroundTasks background,
            MarketProperties properties) {
        this.brokers = brokers.stream().collect(Collectors.toMap(Broker::partner, Function.identity()));
        this.prices = prices;
        this.clock = clock;
        this.behaviours = behaviours;
        this.background = background;
        this.properties = properties;
        this.wasOpen = clock.isOpen();
        background.submit(Flux.interval(properties.clockInterval())
                .doOnNext(tick -> tick())
                .then());
    }

    /** An order placed, or the order placed before under the same client order id ({@code existing}). */
    public record Placement(Order order, boolean existing) {}

    /** How far a scheduled fill goes: all that is left, half then the rest, or a fraction then rest. */
    private enum Step {
        ALL,
        HALF,
        FRACTION
    }

    /**
     * Takes the order, {@code ACCEPTED}; it starts working at once when the market is open (reported
     * {@code NEW}), else when it opens. A client order id seen before for the partner answers that order.
     *
     * @throws OrderRefusedException when the symbol is unknown, the contract expired, or the account
     *                               lacks the buying power or the quantity
     */
    public synchronized Placement place(NewOrder request) {
        String key = request.partner() + "\n" + request.clientOrderId();
        String known = byClientOrderId.get(key);
        if (known != null) {
            return new Placement(orders.get(known), true);
        }
        Instrument instrument = prices.instrument(request.instrument().symbol())
                .orElseThrow(() -> new OrderRefusedException(
                        Reason.UNKNOWN_SYMBOL,
                        "unknown symbol " + request.instrument().symbol()));
        Instant now = now();
        if (instrument instanceof Instrument.OptionContract option && option.expiredOn(TradingHours.today(now))) {
            throw new OrderRefusedException(
                    Reason.CONTRACT_EXPIRED, "the contract " + option.symbol() + " expired on " + option.expiry());
        }
        BigDecimal price = prices.price(instrument, now);
        BigDecimal target = request.quantity();
        BigDecimal reserved = BigDecimal.ZERO;
        if (request.side() == Side.BUY) {
            reserved = request.notional() != null
                    ? request.notional()
                    : (request.limitPrice() != null ? request.limitPrice() : price)
                            .multiply(request.quantity())
                            .multiply(instrument.multiplier())
                            .setScale(Order.CENTS, RoundingMode.CEILING);
            BigDecimal available = buyingPower(request.partner(), request.accountId());
            if (reserved.compareTo(available) > 0) {
                throw new OrderRefusedException(
                        Reason.INSUFFICIENT_BUYING_POWER,
                        "insufficient buying power: " + reserved.toPlainString() + " needed, "
                                + available.toPlainString() + " available");
            }
        } else {
            if (target == null) {
                target = request.notional().divide(price, Order.QUANTITY_SCALE, RoundingMode.DOWN);
                if (target.signum() == 0) {
                    throw new OrderRefusedException(
                            Reason.TOO_SMALL, "the notional buys no quantity at " + price.toPlainString());
                }
            }
            BigDecimal available = position(request.accountId(), instrument)
                    .quantity()
                    .subtract(openSales(request.accountId(), instrument));
            if (target.compareTo(available) > 0) {
                throw new OrderRefusedException(
                        Reason.INSUFFICIENT_QUANTITY,
                        "insufficient qty available for order: "
                                + Order.quantity(target).toPlainString() + " requested, "
                                + Order.quantity(available).toPlainString() + " available");
            }
        }
        Order order = Order.accepted(
                SandboxIds.uuid().toString(),
                new NewOrder(
                        request.partner(),
                        request.accountId(),
                        request.accountNo(),
                        request.clientOrderId(),
                        instrument,
                        request.side(),
                        request.type(),
                        request.quantity(),
                        request.notional(),
                        request.limitPrice()),
                target,
                reserved,
                now);
        orders.put(order.id(), order);
        byClientOrderId.put(key, order.id());
        if (clock.isOpen()) {
            background.submit(Mono.fromRunnable(() -> work(order.id())));
        }
        return new Placement(order, false);
    }

    public synchronized Optional<Order> order(String id) {
        return Optional.ofNullable(orders.get(id));
    }

    public synchronized Optional<Order> byClientOrderId(String partner, String clientOrderId) {
        return Optional.ofNullable(byClientOrderId.get(partner + "\n" + clientOrderId))
                .map(orders::get);
    }

    /** The orders that pass {@code filter}, oldest first. */
    public synchronized List<Order> orders(Predicate<Order> filter) {
        return orders.values().stream().filter(filter).toList();
    }

    /** The account's positions (none empty), in the order they were opened. */
    public synchronized List<Position> positions(String accountId) {
        return positions.getOrDefault(accountId, Map.of()).values().stream()
                .filter(position -> !position.isEmpty())
                .toList();
    }

    /** The account's cash less what its open buys hold back. */
    public synchronized BigDecimal buyingPower(String partner, String accountId) {
        return broker(partner).cash(accountId).subtract(reserved(accountId));
    }

    /** What the account's open buys hold back of its cash. */
    public synchronized BigDecimal reserved(String accountId) {
        return orders.values().stream()
                .filter(order -> order.accountId().equals(accountId))
                .map(Order::outstandingReservation)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * Cancels the open order after the cancel delay (reported then); it may fill meanwhile and then
     * stays filled.
     *
     * @return the order as it is now; empty when it is not the account's
     * @throws OrderRefusedException ({@code ALREADY_ENDED}) when it already ended
     */
    public synchronized Optional<Order> cancel(String accountId, String id) {
        Order order = orders.get(id);
        if (order == null || !order.accountId().equals(accountId)) {
            return Optional.empty();
        }
        if (!order.status().isOpen()) {
            throw new OrderRefusedException(
                    Reason.ALREADY_ENDED,
                    "the order is already " + order.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        background.submit(Mono.delay(properties.cancelDelay()).doOnNext(tick -> end(id, OrderStatus.CANCELED, null)));
        return Optional.of(order);
    }

    /** Forces the market open or closed (empty: back to its hours) and acts on the change at once. */
    public synchronized void force(Optional<Boolean> open) {
        clock.force(open);
        tick();
    }

    /** The instrument's price now (a position's market value). */
    public BigDecimal priceNow(Instrument instrument) {
        return prices.price(instrument, now());
    }

    public synchronized boolean isOpen() {
        return clock.isOpen();
    }

    /** Acts on the clock: opening starts the waiting orders, closing expires the open ones; retries resting limits. */
    synchronized void tick() {
        boolean open = clock.isOpen();
        if (open && !wasOpen) {
            orders.values().stream()
                    .filter(order -> order.status() == OrderStatus.ACCEPTED)
                    .map(Order::id)
                    .toList()
                    .forEach(this::work);
        } else if (!open && wasOpen) {
            awaitingPrice.clear();
            orders.values().stream()
                    .filter(order -> order.status().isOpen())
                    .map(Order::id)
                    .toList()
                    .forEach(id -> end(id, OrderStatus.EXPIRED, EXPIRED_AT_CLOSE));
        }
        wasOpen = open;
        if (open) {
            new ArrayList<>(awaitingPrice.entrySet()).forEach(waiting -> {
                awaitingPrice.remove(waiting.getKey());
                fill(waiting.getKey(), waiting.getValue());
            });
        }
    }

    /** The order starts working: NEW, then what its symbol's behaviour says after the fill delay. */
    private synchronized void work(String id) {
        Order order = orders.get(id);
        if (order == null || order.status() != OrderStatus.ACCEPTED || !clock.isOpen()) {
            return;
        }
        update(OrderUpdate.Kind.NEW, order.working(now()), null);
        FillBehaviour behaviour = behaviours.of(order.instrument().symbol());
        switch (behaviour.mode()) {
            case FILL -> later(() -> fill(id, Step.ALL));
            case SPLIT -> later(() -> fill(id, Step.HALF));
            case PARTIAL -> later(() -> fill(id, Step.FRACTION));
            case REJECT -> later(() -> end(id, OrderStatus.REJECTED, REJECTED_BY_EXCHANGE));
            case REST -> {
                // never fills: waits for a cancel or the close
            }
        }
    }

    private void later(Runnable step) {
        background.submit(Mono.delay(properties.fillDelay()).doOnNext(tick -> step.run()));
    }

    private synchronized void fill(String id, Step step) {
        Order order = orders.get(id);
        if (order == null || !order.status().isOpen() || order.status() == OrderStatus.ACCEPTED || !clock.isOpen()) {
            return;
        }
        Instant now = now();
        BigDecimal price = prices.price(order.instrument(), now);
        if (!order.marketableAt(price)) {
            awaitingPrice.put(id, step);
            return;
        }
        if (order.targetQuantity() == null) {
            order = order.targeting(order.notional().divide(price, Order.QUANTITY_SCALE, RoundingMode.DOWN));
        }
        BigDecimal quantity = switch (step) {
            case ALL -> order.remainingQuantity();
            case HALF -> portion(order, new BigDecimal("0.5"));
            case FRACTION ->
                portion(order, behaviours.of(order.instrument().symbol()).fraction());
        };
        if (quantity.signum() <= 0) {
            if (step == Step.HALF) {
                quantity = order.remainingQuantity();
            } else {
                return;
            }
        }
        if (order.side() == Side.BUY && order.notional() != null) {
            // a notional buy never costs more than its notional (its later fills come at other prices)
            BigDecimal capped = notionalCap(order, quantity, price, now);
            if (capped.signum() <= 0) {
                end(id, OrderStatus.CANCELED, "the notional is spent");
                return;
            }
            if (capped.compareTo(quantity) < 0) {
                if (step == Step.ALL) {
                    order = order.targeting(order.filledQuantity().add(capped));
                }
                quantity = capped;
            }
        }
        Order filled = order.filled(quantity, price, now);
        BigDecimal cashDelta = filled.cost().subtract(order.cost());
        broker(order.partner())
                .changeCash(order.accountId(), order.side() == Side.BUY ? cashDelta.negate() : cashDelta);
        Position position = position(order.accountId(), order.instrument()).after(order.side(), quantity, price);
        positions
                .computeIfAbsent(order.accountId(), account -> new LinkedHashMap<>())
                .put(order.instrument().symbol(), position);
        update(
                filled.status() == OrderStatus.FILLED ? OrderUpdate.Kind.FILL : OrderUpdate.Kind.PARTIAL_FILL,
                filled,
                new Execution(SandboxIds.uuid().toString(), quantity, price));
        if (step == Step.HALF && filled.status().isOpen()) {
            later(() -> fill(id, Step.ALL));
        }
    }

    /** The largest quantity up to {@code quantity} whose fill keeps the order's cumulative cost within its notional. */
    private static BigDecimal notionalCap(Order order, BigDecimal quantity, BigDecimal price, Instant now) {
        BigDecimal capped = quantity;
        BigDecimal step = BigDecimal.ONE.movePointLeft(Order.QUANTITY_SCALE);
        for (int attempt = 0; attempt < 8 && capped.signum() > 0; attempt++) {
            BigDecimal over = order.filled(capped, price, now).cost().subtract(order.notional());
            if (over.signum() <= 0) {
                return capped;
            }
            capped = capped.subtract(over.divide(price, Order.QUANTITY_SCALE, RoundingMode.UP))
                    .subtract(step);
        }
        return capped.signum() > 0 && order.filled(capped, price, now).cost().compareTo(order.notional()) <= 0
                ? capped
                : BigDecimal.ZERO;
    }

    /** {@code fraction} of the target, less what filled already, in whole contracts for options. */
    private static BigDecimal portion(Order order, BigDecimal fraction) {
        int scale = order.instrument().assetClass() == AssetClass.OPTION ? 0 : Order.QUANTITY_SCALE;
        return order.targetQuantity()
                .multiply(fraction)
                .setScale(scale, RoundingMode.DOWN)
                .subtract(order.filledQuantity());
    }

    private synchronized void end(String id, OrderStatus status, String reason) {
        Order order = orders.get(id);
        if (order == null || !order.status().isOpen()) {
            return;
        }
        awaitingPrice.remove(id);
        OrderUpdate.Kind kind = switch (status) {
            case CANCELED -> OrderUpdate.Kind.CANCELED;
            case EXPIRED -> OrderUpdate.Kind.EXPIRED;
            default -> OrderUpdate.Kind.REJECTED;
        };
        update(kind, order.ended(status, reason, now()), null);
    }

    private void update(OrderUpdate.Kind kind, Order order, Execution execution) {
        orders.put(order.id(), order);
        BigDecimal held = position(order.accountId(), order.instrument()).quantity();
        broker(order.partner()).announce(new OrderUpdate(kind, order, execution, held, order.updatedAt()));
    }

    private Position position(String accountId, Instrument instrument) {
        return positions
                .getOrDefault(accountId, Map.of())
                .getOrDefault(instrument.symbol(), Position.none(accountId, instrument));
    }

    private BigDecimal openSales(String accountId, Instrument instrument) {
        return orders.values().stream()
                .filter(order -> order.accountId().equals(accountId)
                        && order.instrument().symbol().equals(instrument.symbol()))
                .map(Order::outstandingSale)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private Broker broker(String partner) {
        Broker broker = brokers.get(partner);
        if (broker == null) {
            throw new IllegalArgumentException("no broker " + partner);
        }
        return broker;
    }

    private Instant now() {
        return clock.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
