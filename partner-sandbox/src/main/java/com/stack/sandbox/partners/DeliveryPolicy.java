package com.stack.sandbox.partners;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a partner retries a webhook delivery: a timeout per attempt and a doubling backoff (0.5s, 1s,
 * 2s, ... by default) up to a number of attempts, after which the delivery is given up.
 *
 * @param maxAttempts    attempts per delivery, the first included
 * @param firstBackoff   the wait before the first retry; each further wait doubles
 * @param attemptTimeout how long one attempt waits for the receiver's answer
 */
public record DeliveryPolicy(
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("500ms") Duration firstBackoff,
        @DefaultValue("10s") Duration attemptTimeout) {

    public DeliveryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("delivery max-attempts must be at least 1");
        }
    }
}
