package com.stack.investing.order.app;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.stack.defaults.messaging.SweepingLoop;
import com.stack.defaults.metrics.SagaMetrics;
import com.stack.investing.broker.app.Broker;
import com.stack.investing.portfolio.app.BuyingPowers;
import com.stack.investing.portfolio.app.Positions;
import com.stack.investing.portfolio.domain.Holding;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import reactor.core.publisher.Mono;

/**
 * Compares, periodically, what investing believes with what the broker holds, for every user with a broker account
 * and positions or open orders: each position's quantity with the broker's, and the broker's cash with funding's
 * buying power plus what open buy orders hold and have not filled. It reports, never corrects: gauge
 * {@code stack.investing.reconciliation.drift{kind=position|cash}} (positions, and accounts, that differ) and the
 * last run's details for the health endpoint ({@link #lastRun()}). Each run first brings the saga's open-order
 * metrics up to date ({@code stack.saga.stuck{saga=order, status}}: top-level orders nothing changed for the orders'
 * {@code stuck-after}; {@code stack.saga.oldest.age}), from the database alone, so a broker outage does not hide them.
 */
public class OrderReconciler extends SweepingLoop {

    private static final Logger log = LoggerFactory.getLogger(OrderReconciler.class);
    /** Cash at the broker and here may differ by rounding of fills; a cent is not drift. */
    private static final BigDecimal CASH_TOLERANCE = new BigDecimal("0.01");

    /**
     * {@code stack.investing.reconciliation.*}.
     *
     * @param enabled  run with the application
     * @param interval how often
     */
    @ConfigurationProperties("stack.investing.reconciliation")
    public record Settings(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("60s") Duration interval) {}

    /** One run's findings: how many accounts were compared, and what differed (for the health details). */
    public record Run(int accounts, List<String> positionDrift, List<String> cashDrift) {}

    private final OrderStore orders;
    private final Positions positions;
    private final BuyingPowers buyingPower;
    private final Broker broker;
    private final SagaMetrics metrics;
    private final Settings settings;
    private final Duration stuckAfter;
    private final Map<String, AtomicLong> drift = new ConcurrentHashMap<>();
    private volatile Run lastRun = new Run(0, List.of(), List.of());

    /** @param stuckAfter how long an unfinished order may go unchanged before it counts as stuck */
    public OrderReconciler(
            OrderStore orders,
            Positions positions,
            BuyingPowers buyingPower,
            Broker broker,
            MeterRegistry meters,
            SagaMetrics metrics,
            Settings settings,
            Duration stuckAfter) {
        this.orders = orders;
        this.positions = positions;
        this.buyingPower = buyingPower;
        this.broker = broker;
        this.metrics = metrics;
        this.settings = settings;
        this.stuckAfter = stuckAfter;
        for (String kind : List.of("position", "cash")) {
            AtomicLong value = drift.computeIfAbsent(kind, k -> new AtomicLong());
            Gauge.builder("stack.investing.reconciliation.drift", value, AtomicLong::get)
                    .tag("kind", kind)
                    .description("Positions (kind=position) and accounts (kind=cash) that differ from the broker's")
                    .register(meters);
        }
    }

    @Override
    protected Duration sweepInterval() {
        return settings.interval();
    }

    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    @Override
    protected Mono<Void> pass(boolean woken) {
        return refreshMetrics()
                .onErrorResume(e -> {
                    log.warn("Open-order metrics not refreshed: {}", e.toString());
                    return Mono.empty();
                })
                .then(reconcile())
                .then();
    }

    /** Brings the open-order metrics up to date. */
    public Mono<Void> refreshMetrics() {
        return orders.openByStatus(stuckAfter).doOnNext(metrics::open).then();
    }

    public Run lastRun() {
        return lastRun;
    }

    /** Compares every account once; emits the findings. */
    public Mono<Run> reconcile() {
        return orders.accountsToReconcile(broker.partner())
                .flatMap(
                        account -> compare(account).onErrorResume(e -> {
                            log.warn("Reconciliation of user {} skipped: {}", account.userId(), e.toString());
                            return Mono.empty();
                        }),
                        4)
                .collectList()
                .map(results -> {
                    List<String> positionDrift = results.stream()
                            .flatMap(r -> r.positionDrift().stream())
                            .toList();
                    List<String> cashDrift = results.stream()
                            .flatMap(r -> r.cashDrift().stream())
                            .toList();
                    Run run = new Run(results.size(), positionDrift, cashDrift);
                    drift.get("position").set(positionDrift.size());
                    drift.get("cash").set(cashDrift.size());
                    lastRun = run;
                    if (!positionDrift.isEmpty() || !cashDrift.isEmpty()) {
                        log.warn("Drift from the broker: positions {}, cash {}", positionDrift, cashDrift);
                    }
                    return run;
                });
    }

    private Mono<Run> compare(OrderStore.AccountOfUser user) {
        Broker.Account account = new Broker.Account(user.accountId(), user.accountNo());
        Mono<List<String>> positionDrift = Mono.zip(
                        positions.findForUser(user.userId()).collectList(), broker.positions(account))
                .map(found -> {
                    Map<String, BigDecimal> ours =
                            found.getT1().stream().collect(Collectors.toMap(Holding::symbol, Holding::quantity));
                    Map<String, BigDecimal> theirs = found.getT2().stream()
                            .collect(Collectors.toMap(
                                    Broker.Holding::symbol, Broker.Holding::quantity, BigDecimal::add));
                    Set<String> symbols = new java.util.TreeSet<>(ours.keySet());
                    symbols.addAll(theirs.keySet());
                    return symbols.stream()
                            .filter(symbol -> ours.getOrDefault(symbol, BigDecimal.ZERO)
                                            .compareTo(theirs.getOrDefault(symbol, BigDecimal.ZERO))
                                    != 0)
                            .map(symbol -> user.userId() + ":" + symbol)
                            .toList();
                });
        Mono<List<String>> cashDrift = Mono.zip(
                        broker.cash(account),
                        buyingPower.find(user.userId()).defaultIfEmpty(BigDecimal.ZERO),
                        orders.openBuyUnfilled(user.userId()))
                .map(found -> {
                    BigDecimal expected = found.getT2().add(found.getT3());
                    return found.getT1().subtract(expected).abs().compareTo(CASH_TOLERANCE) > 0
                            ? List.of(user.userId() + ": broker "
                                    + found.getT1().toPlainString() + ", here " + expected.toPlainString())
                            : List.<String>of();
                });
        return Mono.zip(positionDrift, cashDrift).map(found -> new Run(1, found.getT1(), found.getT2()));
    }
}
