package com.stack.sandbox.circle.transfers.config;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Circle Mint business account in the sandbox ({@code stack.sandbox.circle.business-account.*}).
 *
 * @param initialBalance the USD available at startup; the control API adds to it
 * @param masterWalletId the {@code source.id} of every transfer: the business account's master wallet
 */
@ConfigurationProperties("stack.sandbox.circle.business-account")
public record CircleBusinessAccountProperties(
        @DefaultValue("10000000.00") BigDecimal initialBalance,
        @DefaultValue("1000216185") String masterWalletId) {

    public CircleBusinessAccountProperties {
        if (initialBalance == null
                || initialBalance.signum() < 0
                || initialBalance.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException(
                    "stack.sandbox.circle.business-account.initial-balance must be at least 0 with at most 2 decimals");
        }
        if (masterWalletId == null || masterWalletId.isBlank()) {
            throw new IllegalArgumentException(
                    "stack.sandbox.circle.business-account.master-wallet-id must not be blank");
        }
        initialBalance = initialBalance.setScale(2);
    }
}
