package com.stack.investing.order.api;

import com.stack.investing.order.app.OrderReconciler;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code /actuator/health/brokerReconciliation}: what the last reconciliation found ({@link OrderReconciler}): the
 * accounts compared with the broker and every position or cash balance that differs. DOWN while anything differs,
 * for SREs and alerts; not in the readiness group (drift needs people, and orders that are right must go on).
 */
@Component
public class BrokerReconciliationHealthIndicator implements ReactiveHealthIndicator {

    private final OrderReconciler reconciler;

    public BrokerReconciliationHealthIndicator(OrderReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(() -> {
            OrderReconciler.Run run = reconciler.lastRun();
            boolean drift = !run.positionDrift().isEmpty() || !run.cashDrift().isEmpty();
            return (drift ? Health.down() : Health.up())
                    .withDetail("accountsCompared", run.accounts())
                    .withDetail("positionDrift", run.positionDrift())
                    .withDetail("cashDrift", run.cashDrift())
                    .build();
        });
    }
}
