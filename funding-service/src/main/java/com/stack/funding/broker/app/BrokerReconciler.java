package com.stack.funding.broker.app;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.stack.defaults.messaging.SweepingLoop;
import com.stack.funding.ledger.app.LedgerStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Compares, once a day, each user's cash at the broker ({@link BrokerBalances}) with what the ledger says it holds
 * ({@link LedgerStore#cashAtBroker}), so that drift (a fee taken at the broker, a trade settled elsewhere, a
 * manual journal) is seen before a user meets it. Accounts are read in batches by user id, the broker paced at
 * {@code maxCallsPerSecond} (DriveWealth allows 5 a second); each user's ledger is read just before the broker, so
 * only what moves in between (a transfer in flight) can show as drift for one pass. A broker that cannot be asked
 * for an account leaves it out of the pass (logged).
 *
 * <p>Gauges, set at the end of each pass: {@value #DRIFT_USERS}{@code {partner}} (users whose difference is over
 * the tolerance), {@value #DRIFT_USD}{@code {partner}} (the sum of those differences, absolute) and
 * {@value #RECONCILED}{@code {partner}} (when the last pass ended, epoch seconds). Each drifted user is logged with
 * the ledger's and the broker's cash.
 */
public class BrokerReconciler extends SweepingLoop {

    /**
     * {@code stack.funding.broker-reconciliation.*}.
     *
     * @param enabled           run with the application
     * @param interval          between passes (the first soon after start)
     * @param maxCallsPerSecond the most broker reads a second
     * @param batchSize         accounts read from the database at once
     */
    @ConfigurationProperties("stack.funding.broker-reconciliation")
    public record Settings(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("24h") Duration interval,
            @DefaultValue("5") int maxCallsPerSecond,
            @DefaultValue("100") int batchSize) {

        public Settings {
            if (maxCallsPerSecond < 1 || batchSize < 1) {
                throw new IllegalArgumentException("stack.funding.broker-reconciliation: max-calls-per-second and"
                        + " batch-size must be at least 1");
            }
        }
    }

    static final String DRIFT_USERS = "stack.funding.broker.drift.users";
    static final String DRIFT_USD = "stack.funding.broker.drift.usd";
    static final String RECONCILED = "stack.funding.broker.reconciled";

    private static final Logger log = LoggerFactory.getLogger(BrokerReconciler.class);
    private static final UUID FIRST = new UUID(0, 0);

    private final BrokerAccounts accounts;
    private final LedgerStore ledger;
    private final BrokerBalances balances;
    private final String partner;
    private final BigDecimal tolerance;
    private final Settings settings;
    private final AtomicLong driftedUsers = new AtomicLong();
    private final AtomicReference<BigDecimal> driftUsd = new AtomicReference<>(BigDecimal.ZERO);
    private final AtomicLong reconciledAt = new AtomicLong();

    public BrokerReconciler(
            BrokerAccounts accounts,
            LedgerStore ledger,
            BrokerBalances balances,
            String partner,
            BigDecimal tolerance,
            Settings settings,
            MeterRegistry meters) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.balances = balances;
        this.partner = partner;
        this.tolerance = tolerance;
        this.settings = settings;
        Gauge.builder(DRIFT_USERS, driftedUsers, AtomicLong::doubleValue)
                .tag("partner", partner)
                .description("Users whose broker cash differs from the ledger's beyond the tolerance, last pass")
                .register(meters);
        Gauge.builder(DRIFT_USD, driftUsd, usd -> usd.get().doubleValue())
                .tag("partner", partner)
                .baseUnit("usd")
                .description("Sum of the absolute differences between broker and ledger cash, last pass")
                .register(meters);
        Gauge.builder(RECONCILED, reconciledAt, AtomicLong::doubleValue)
                .tag("partner", partner)
                .baseUnit("seconds")
                .description("When the last broker reconciliation pass ended, epoch seconds")
                .register(meters);
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
        Duration spacing = Duration.ofNanos(1_000_000_000L / settings.maxCallsPerSecond());
        Tally tally = new Tally();
        return accountsAfter(FIRST)
                .delayElements(spacing)
                .concatMap(user -> compare(user, tally))
                .then(Mono.fromRunnable(() -> {
                    driftedUsers.set(tally.drifted);
                    driftUsd.set(tally.driftUsd);
                    reconciledAt.set(Instant.now().getEpochSecond());
                    log.info(
                            "Broker reconciliation ({}): {} accounts compared, {} drifted by {} USD in all, {} not read",
                            partner,
                            tally.compared,
                            tally.drifted,
                            tally.driftUsd.toPlainString(),
                            tally.unread);
                }));
    }

    private Flux<BrokerAccounts.UserAccount> accountsAfter(UUID after) {
        return accounts.page(partner, after, settings.batchSize()).collectList().flatMapMany(page -> {
            Flux<BrokerAccounts.UserAccount> these = Flux.fromIterable(page);
            return page.size() < settings.batchSize()
                    ? these
                    : these.concatWith(Flux.defer(
                            () -> accountsAfter(page.get(page.size() - 1).userId())));
        });
    }

    private Mono<Void> compare(BrokerAccounts.UserAccount user, Tally tally) {
        return ledger.cashAtBroker(user.userId())
                .zipWhen(ledgerCash -> balances.cash(user.account()))
                .doOnNext(both -> {
                    BigDecimal ledgerCash = both.getT1();
                    BigDecimal brokerCash = both.getT2().balance();
                    BigDecimal difference = brokerCash.subtract(ledgerCash).abs();
                    tally.compared++;
                    if (difference.compareTo(tolerance) > 0) {
                        tally.drifted++;
                        tally.driftUsd = tally.driftUsd.add(difference);
                        log.warn(
                                "Broker drift ({}): user {} account {}: ledger {} USD, broker {} USD",
                                partner,
                                user.userId(),
                                user.account().accountNo(),
                                ledgerCash.toPlainString(),
                                brokerCash.toPlainString());
                    }
                })
                .onErrorResume(
                        e -> e instanceof Brokerage.BrokerUnavailableException
                                || e instanceof Brokerage.BrokerRefusedException,
                        e -> {
                            tally.unread++;
                            log.warn(
                                    "Broker reconciliation ({}): account {} of user {} not read: {}",
                                    partner,
                                    user.account().accountNo(),
                                    user.userId(),
                                    e.getMessage());
                            return Mono.empty();
                        })
                .then();
    }

    /** One pass's counts; a pass runs one comparison at a time. */
    private static final class Tally {
        long compared;
        long drifted;
        long unread;
        BigDecimal driftUsd = BigDecimal.ZERO;
    }
}
