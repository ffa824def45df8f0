package com.stack.funding.partner.adapters.circle;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * {@code /actuator/health/circleSubscription}: whether Circle has funding's notification subscription: UP with its id,
 * UNKNOWN while it is being made (with the last error) or when it is not managed here. Not in the readiness group,
 * and never DOWN: funding serves everything else without it, and the subscription is retried until it is made.
 */
public class CircleSubscriptionHealthIndicator implements ReactiveHealthIndicator {

    private final CircleNotificationSubscription subscription;

    public CircleSubscriptionHealthIndicator(CircleNotificationSubscription subscription) {
        this.subscription = subscription;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(() -> {
            if (!subscription.managed()) {
                return Health.unknown().withDetail("managed", false).build();
            }
            CircleNotificationSubscription.State state = subscription.state();
            Health.Builder health = state.subscriptionId() != null
                    ? Health.up().withDetail("subscriptionId", state.subscriptionId())
                    : Health.unknown().withDetail("failedAttempts", state.failedAttempts());
            if (state.lastError() != null) {
                health.withDetail("lastError", state.lastError());
            }
            return health.withDetail("endpoint", subscription.endpoint()).build();
        });
    }
}
