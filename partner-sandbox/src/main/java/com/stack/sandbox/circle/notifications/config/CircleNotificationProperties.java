package com.stack.sandbox.circle.notifications.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.stack.sandbox.circle.wallets.domain.Blockchain;
import com.stack.sandbox.partners.DeliveryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Circle's webhook notifications in the sandbox ({@code stack.sandbox.circle.*}, beside the wallets' settings).
 *
 * @param notificationEndpoints URLs subscribed at startup, without Circle's HEAD check (the receiver may
 *                              not be up yet): for {@code ./stack up} and tests. Comma-separated; empty by default
 * @param notificationDelivery  retries of a notification delivery ({@code notification-delivery.max-attempts}, ...)
 * @param subscriptionCheckTimeout how long the HEAD check of a new subscription's endpoint may take
 * @param usdcTokenIds          the {@code tokenId} that inbound USDC transfers carry, per blockchain
 */
@ConfigurationProperties("stack.sandbox.circle")
public record CircleNotificationProperties(
        @DefaultValue List<URI> notificationEndpoints,
        @DefaultValue DeliveryPolicy notificationDelivery,
        @DefaultValue("5s") Duration subscriptionCheckTimeout,
        @DefaultValue UsdcTokenIds usdcTokenIds) {

    public CircleNotificationProperties {
        notificationEndpoints = notificationEndpoints == null ? List.of() : List.copyOf(notificationEndpoints);
        for (URI endpoint : notificationEndpoints) {
            if (!endpoint.isAbsolute()
                    || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
                throw new IllegalArgumentException(
                        "stack.sandbox.circle.notification-endpoints must hold absolute http(s) URLs: " + endpoint);
            }
        }
    }

    /**
     * Circle's token ids of USDC. Defaults: ETH is the id in Circle's token table; ETH-SEPOLIA and
     * SOL-DEVNET are Circle's testnet ids as far as known here, and SOL is a stand-in (not checked against
     * Circle). Funding credits only the ids of its {@code stack.circle.usdc-token-ids.*}, so the two must
     * agree on the chains in use.
     */
    public record UsdcTokenIds(
            @DefaultValue("b037d751-fb22-5f0d-bae6-47373e7ae3e3")
            String eth,

            @DefaultValue("5797fbd6-3795-519d-84ca-ec4c5f80c3b1")
            String ethSepolia,

            @DefaultValue("e4f549f9-a910-59b1-b5cd-8f9871f4e2fa")
            String sol,

            @DefaultValue("8fb3cadb-0ef4-573d-8fcd-e194f961c728")
            String solDevnet) {

        public String of(Blockchain blockchain) {
            return switch (blockchain) {
                case ETH -> eth;
                case ETH_SEPOLIA -> ethSepolia;
                case SOL -> sol;
                case SOL_DEVNET -> solDevnet;
            };
        }
    }
}
