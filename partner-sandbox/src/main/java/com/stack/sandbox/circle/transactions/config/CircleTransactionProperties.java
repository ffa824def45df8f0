package com.stack.sandbox.circle.transactions.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbound transfers of Circle's developer-controlled wallets in the sandbox ({@code stack.sandbox.circle.transactions.*}).
 *
 * @param stepDelay how long a transaction stays in each state before the next (INITIATED, QUEUED, SENT,
 *                  CONFIRMED, then COMPLETE or FAILED)
 */
@ConfigurationProperties("stack.sandbox.circle.transactions")
public record CircleTransactionProperties(
        @DefaultValue("200ms") Duration stepDelay) {

    public CircleTransactionProperties {
        if (stepDelay == null || stepDelay.isNegative()) {
            throw new IllegalArgumentException("stack.sandbox.circle.transactions.step-delay must not be negative");
        }
    }
}
