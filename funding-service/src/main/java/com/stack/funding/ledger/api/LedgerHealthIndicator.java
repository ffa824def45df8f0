package com.stack.funding.ledger.api;

import java.time.Duration;

import com.stack.funding.ledger.app.LedgerStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code /actuator/health/ledger}: the ledger's invariant (every journal balances in every currency, so all
 * entries sum to zero, and no user account is negative), for SREs and alerts. DOWN names what broke. Not in
 * the readiness group: a broken invariant needs people, and taking the service out of traffic would stop
 * sagas that are still correct. The check scans the ledger, so one result serves probes for a few seconds.
 */
@Component
public class LedgerHealthIndicator implements ReactiveHealthIndicator {

    private static final Duration REUSE = Duration.ofSeconds(10);

    private final Mono<Health> check;

    public LedgerHealthIndicator(LedgerStore ledger) {
        this.check = ledger.checkInvariant()
                .map(invariant -> (invariant.holds() ? Health.up() : Health.down())
                        .withDetail("unbalancedJournals", invariant.unbalancedJournals())
                        .withDetail("negativeUserAccounts", invariant.negativeUserAccounts())
                        .withDetail("sumOfAllUsdEntries", invariant.totalUsd().toPlainString())
                        .withDetail("driftedUserBalances", invariant.driftedUserBalances())
                        .build())
                .cache(health -> REUSE, error -> Duration.ZERO, () -> Duration.ZERO);
    }

    @Override
    public Mono<Health> health() {
        return check;
    }
}
