package com.stack.sandbox.circle.transfers.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Circle Mint's business-account transfers in the sandbox ({@code stack.sandbox.circle.transfers.*}).
 *
 * @param settleDelay how long a transfer stays {@code pending} before it ends {@code complete} or {@code failed}
 */
@ConfigurationProperties("stack.sandbox.circle.transfers")
public record CircleTransferProperties(
        @DefaultValue("500ms") Duration settleDelay) {

    public CircleTransferProperties {
        if (settleDelay == null || settleDelay.isNegative()) {
            throw new IllegalArgumentException("stack.sandbox.circle.transfers.settle-delay must not be negative");
        }
    }
}
