package com.stack.investing.order.app;

import java.time.Duration;

import com.stack.defaults.messaging.SweepingLoop;
import com.stack.defaults.metrics.SagaMetrics;
import com.stack.defaults.resilience.RetryBackoff;
import com.stack.investing.broker.app.Broker;
import com.stack.investing.order.domain.NextAction;
import com.stack.investing.order.domain.Order;
import com.stack.investing.shared.domain.AssetType;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs the orders' broker actions ({@code next_action}): woken after a commit that made one due, and on every sweep
 * (retries come due, lapsed leases of a crashed instance, other instances' orders). A due order is claimed with a
 * lease ({@code FOR UPDATE SKIP LOCKED}, its next attempt pushed past the lease), so one instance runs it at a time;
 * the row is the state, so a restart resumes from it, and placing again is safe (the client order id is the
 * order's id).
 * <ul>
 *   <li>submit: {@link Broker#place} -> {@link OrderSaga#placed}; refused for good -> {@link OrderSaga#refusedByBroker};
 *       the broker unavailable (or anything unexpected) -> retried after a backoff of 1 s doubling to 30 s.</li>
 *   <li>cancel: an order that may have reached the broker (it has the broker's id, or a submit was claimed before)
 *       is looked up there: not there -> {@link OrderSaga#canceledBeforeBroker}; there -> its state applied, and if
 *       still open the broker is asked to cancel it (its final report ends it). Never sent -> canceled here.</li>
 *   <li>an order open at the broker that nothing moved for {@code stuck-after} (its events lost, or taken by another
 *       consumer of the broker's queue) is read back from the broker and its state applied, as an event would be.</li>
 * </ul>
 */
public class BrokerOrderLoop extends SweepingLoop {

    private static final Logger log = LoggerFactory.getLogger(BrokerOrderLoop.class);

    /**
     * {@code stack.investing.orders.*}.
     *
     * @param enabled        start with the application
     * @param sweepInterval  how often due actions nobody woke the loop for are looked for
     * @param lease          how long a claim lasts before another instance may run the action (longer than a broker
     *                       call with its retries may take)
     * @param batchSize      orders claimed per pass, run at once (each waits on the broker without a thread)
     * @param initialBackoff wait after the first failed attempt, doubled per attempt
     * @param maxBackoff     retry wait cap
     * @param stuckAfter     how long an order open at the broker may go unchanged before it is read back from the broker
     */
    @ConfigurationProperties("stack.investing.orders")
    public record Settings(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") Duration sweepInterval,
            @DefaultValue("60s") Duration lease,
            @DefaultValue("64") int batchSize,
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("30s") Duration maxBackoff,
            @DefaultValue("2m") Duration stuckAfter) {}

    private final OrderStore orders;
    private final OrderSaga saga;
    private final Broker broker;
    private final SagaMetrics metrics;
    private final Settings settings;
    private final RetryBackoff backoff;
    /** When the last look for stuck orders began ({@link System#nanoTime}); passes run one at a time. */
    private long lastStaleCheck = System.nanoTime();

    public BrokerOrderLoop(OrderStore orders, OrderSaga saga, Broker broker, SagaMetrics metrics, Settings settings) {
        this.orders = orders;
        this.saga = saga;
        this.broker = broker;
        this.metrics = metrics;
        this.settings = settings;
        this.backoff = new RetryBackoff(settings.initialBackoff(), settings.maxBackoff());
        saga.wakeOnCommit(this::wake);
    }

    @Override
    protected Duration sweepInterval() {
        return settings.sweepInterval();
    }

    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    @Override
    protected Mono<Void> pass(boolean woken) {
        return drain().then(
                        woken || !staleCheckDue()
                                ? Mono.empty()
                                : refreshStale().then());
    }

    /**
     * Whether to look for stuck orders on this sweep: an order is stuck only after {@code stuck-after}, so looking a few
     * times within that is enough; looking on every one-second sweep would query the orders for nothing.
     */
    private boolean staleCheckDue() {
        long now = System.nanoTime();
        long every = Math.max(
                settings.sweepInterval().toNanos(), settings.stuckAfter().toNanos() / 4);
        if (now - lastStaleCheck < every) {
            return false;
        }
        lastStaleCheck = now;
        return true;
    }

    /** Reads back from the broker the orders nothing moved for {@code stuck-after}; emits how many. */
    public Mono<Integer> refreshStale() {
        return refreshStale(settings.stuckAfter());
    }

    /** Reads back the orders nothing moved for {@code stuckAfter}; emits how many. */
    public Mono<Integer> refreshStale(Duration stuckAfter) {
        return orders.claimStale(Math.max(1, settings.batchSize()), stuckAfter)
                .flatMap(stale -> Flux.fromIterable(stale)
                        .flatMap(
                                order -> broker.find(
                                                new Broker.Account(order.brokerAccountId(), order.brokerAccountNo()),
                                                order.id())
                                        .flatMap(found -> found.map(saga::apply).orElse(Mono.empty()))
                                        .onErrorResume(e -> {
                                            log.warn(
                                                    "Could not read order {} back from the broker: {}",
                                                    order.id(),
                                                    e.toString());
                                            return Mono.empty();
                                        }),
                                Math.max(1, stale.size()))
                        .then(Mono.just(stale.size())));
    }

    /** Runs every action due now; emits how many orders were claimed. */
    public Mono<Integer> drain() {
        return batch().expand(claimed -> claimed >= settings.batchSize() ? batch() : Mono.empty())
                .reduce(0, Integer::sum);
    }

    private Mono<Integer> batch() {
        return orders.claimDue(Math.max(1, settings.batchSize()), settings.lease())
                .flatMap(claimed -> Flux.fromIterable(claimed)
                        .flatMap(this::run, Math.max(1, claimed.size()))
                        .then(Mono.just(claimed.size())));
    }

    /** One attempt of the order's action, timed as its saga step ({@code submit} or {@code cancel}). */
    private Mono<Void> run(Order order) {
        Broker.Account account = new Broker.Account(order.brokerAccountId(), order.brokerAccountNo());
        String step = order.nextAction().name().toLowerCase(java.util.Locale.ROOT);
        Timer.Sample sample = metrics.stepStarted();
        Mono<String> action = order.nextAction() == NextAction.SUBMIT
                ? submit(order, account)
                : cancel(order, account).thenReturn(SagaMetrics.SUCCESS);
        return action.doOnNext(outcome -> metrics.stepEnded(sample, step, outcome))
                .then()
                .onErrorResume(e -> {
                    metrics.stepEnded(sample, step, SagaMetrics.RETRY);
                    Duration delay = backoff.delayAfter(order.attempts());
                    if (e instanceof Broker.BrokerUnavailableException) {
                        log.warn(
                                "Broker unavailable for {} of order {} (attempt {}); retrying in {}: {}",
                                order.nextAction(),
                                order.id(),
                                order.attempts(),
                                delay,
                                e.getMessage());
                    } else {
                        log.error(
                                "{} of order {} failed (attempt {}); retrying in {}",
                                order.nextAction(),
                                order.id(),
                                order.attempts(),
                                delay,
                                e);
                    }
                    return orders.retryLater(order.id(), delay);
                });
    }

    /** Places the order; emits the step's outcome ({@code failure}: the broker refused it for good). */
    private Mono<String> submit(Order order, Broker.Account account) {
        return broker.place(account, request(order))
                .flatMap(placed -> saga.placed(order.id(), placed).thenReturn(SagaMetrics.SUCCESS))
                .onErrorResume(Broker.BrokerRefusedException.class, refused -> {
                    log.info("Broker refused order {}: {} {}", order.id(), refused.code(), refused.getMessage());
                    return saga.refusedByBroker(order.id(), refused.code()).thenReturn(SagaMetrics.FAILURE);
                });
    }

    private Mono<Void> cancel(Order order, Broker.Account account) {
        boolean possiblySent = order.brokerOrderRef() != null || order.attempts() > 1;
        if (!possiblySent) {
            return saga.canceledBeforeBroker(order.id());
        }
        return broker.find(account, order.id()).flatMap(found -> {
            if (found.isEmpty()) {
                return saga.canceledBeforeBroker(order.id());
            }
            var report = found.get();
            return saga.apply(report)
                    .then(
                            report.state().isFinal()
                                    ? Mono.<Void>empty()
                                    : broker.cancel(account, report.brokerOrderId()))
                    .then(saga.cancelSent(order.id()));
        });
    }

    static Broker.OrderRequest request(Order order) {
        boolean option = order.assetType() == AssetType.OPTION;
        return new Broker.OrderRequest(
                order.id(),
                order.symbol(),
                option ? Broker.AssetClass.OPTION : Broker.AssetClass.EQUITY,
                order.side(),
                option ? null : order.amountUsd(),
                option ? order.quantity() : null,
                option ? order.limitPrice() : null);
    }
}
