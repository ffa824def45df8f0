package com.stack.funding.ledger.app;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.stack.defaults.messaging.SweepingLoop;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import reactor.core.publisher.Mono;

/**
 * Checks the ledger's invariant every {@code stack.funding.ledger.check-interval} (one query,
 * {@link LedgerStore#checkInvariant}) and publishes what it found, so an alert sees a broken ledger without
 * anyone asking the health endpoint:
 * <ul>
 *   <li>{@code stack.ledger.invariant.violations{check}}: {@code unbalanced} journals (entries not summing to zero in
 *       a currency), {@code negative} user accounts (every user account kind may not go below zero), {@code drifted}
 *       kept balances ({@code ledger_user_balances} rows that differ from the sum of their account's entries);</li>
 *   <li>{@code stack.ledger.invariant.checked.timestamp} (seconds since the epoch): when the last check completed, so
 *       a check that stopped running is seen too.</li>
 * </ul>
 */
public class LedgerInvariantCheck extends SweepingLoop {

    private static final Logger log = LoggerFactory.getLogger(LedgerInvariantCheck.class);

    /**
     * {@code stack.funding.ledger.*}.
     *
     * @param checkInterval how often the invariant is checked (each check scans the ledger)
     */
    @ConfigurationProperties("stack.funding.ledger")
    public record Settings(@DefaultValue("1m") Duration checkInterval) {}

    private final LedgerStore ledger;
    private final Settings settings;
    private final Map<String, AtomicLong> violations =
            Map.of("unbalanced", new AtomicLong(), "negative", new AtomicLong(), "drifted", new AtomicLong());
    private final AtomicLong checkedAtMillis = new AtomicLong();

    public LedgerInvariantCheck(LedgerStore ledger, MeterRegistry meters, Settings settings) {
        this.ledger = ledger;
        this.settings = settings;
        violations.forEach((check, value) -> Gauge.builder("stack.ledger.invariant.violations", value, AtomicLong::get)
                .tag("check", check)
                .description("What the last ledger invariant check found broken, by check")
                .register(meters));
        Gauge.builder("stack.ledger.invariant.checked.timestamp", checkedAtMillis, value -> value.get() / 1000.0)
                .baseUnit("seconds")
                .description("When the ledger invariant was last checked (seconds since the epoch)")
                .register(meters);
    }

    @Override
    protected Duration sweepInterval() {
        return settings.checkInterval();
    }

    @Override
    protected Mono<Void> pass(boolean woken) {
        return check().then();
    }

    /** Checks the invariant now and publishes the result. */
    public Mono<LedgerStore.Invariant> check() {
        return ledger.checkInvariant().doOnNext(invariant -> {
            violations.get("unbalanced").set(invariant.unbalancedJournals());
            violations.get("negative").set(invariant.negativeUserAccounts());
            violations.get("drifted").set(invariant.driftedUserBalances());
            checkedAtMillis.set(System.currentTimeMillis());
            if (!invariant.holds()) {
                log.error("The ledger invariant is broken: {}", invariant);
            }
        });
    }
}
