package com.stack.sandbox.circle.payouts.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Circle's payouts in the sandbox ({@code stack.sandbox.circle.payouts.*}).
 *
 * @param settleDelay          how long a payout stays {@code pending} before it ends (and is notified)
 * @param failingDestinations  wire destination ids whose payouts end {@code failed} (comma-separated)
 * @param failingErrorCode     the {@code errorCode} of those failed payouts
 * @param refusedDestinations  wire destination ids refused at request time with a 400 (comma-separated)
 */
@ConfigurationProperties("stack.sandbox.circle.payouts")
public record CirclePayoutProperties(
        @DefaultValue("500ms") Duration settleDelay,
        @DefaultValue List<String> failingDestinations,
        @DefaultValue("transaction_failed") String failingErrorCode,
        @DefaultValue List<String> refusedDestinations) {

    public CirclePayoutProperties {
        if (settleDelay == null || settleDelay.isNegative()) {
            throw new IllegalArgumentException("stack.sandbox.circle.payouts.settle-delay must not be negative");
        }
        if (failingErrorCode == null || failingErrorCode.isBlank()) {
            throw new IllegalArgumentException("stack.sandbox.circle.payouts.failing-error-code must not be blank");
        }
        failingDestinations = ids(failingDestinations);
        refusedDestinations = ids(refusedDestinations);
    }

    private static List<String> ids(List<String> ids) {
        return ids == null
                ? List.of()
                : ids.stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
    }
}
