package com.stack.funding.partner.adapters.circle;

import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;

import com.stack.defaults.resilience.PartnerResilience;
import com.stack.funding.shared.domain.Chain;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code stack.circle.*} in funding-service: Circle's webhook notifications, Circle Mint's payouts and
 * business-account transfers, and transfers out of the developer-controlled wallets. The defaults point at
 * the partner sandbox ({@code ./stack up}); production sets the base URLs ({@code https://api.circle.com}),
 * the API key and the entity secret through the environment ({@code STACK_CIRCLE_NOTIFICATIONS_BASE_URL},
 * {@code STACK_CIRCLE_PAYOUTS_BASE_URL}, {@code STACK_CIRCLE_BASE_URL}, {@code STACK_CIRCLE_API_KEY},
 * {@code STACK_CIRCLE_ENTITY_SECRET}: the last three as wallet-service's).
 *
 * @param notificationsBaseUrl  where {@code GET /v2/notifications/publicKey/{keyId}} is served
 * @param apiKey                sent as {@code Authorization: Bearer <apiKey>} when fetching keys
 * @param webhookReplayWindow   how far a notification's {@code timestamp} may be from now
 * @param webhookMaxBodySize    larger bodies are refused with 413 before anything is read into memory
 * @param resilience            timeout, retries and circuit breaker around fetching keys
 * @param unknownKeyTtl         how long a key id Circle does not have (404) is refused without asking again
 * @param keyLookupsPerMinute   at most this many key ids not seen before are looked up at Circle per minute and
 *                              instance (each lookup is an authenticated Circle call an unauthenticated request
 *                              causes); over it a delivery naming a new key id is answered 503 with Retry-After
 * @param payoutsBaseUrl        where Circle's payouts API ({@code /v1/businessAccount/payouts}) is served
 *                              (production: {@code https://api.circle.com}, sandbox {@code https://api-sandbox.circle.com})
 * @param masterWalletId        the Circle wallet payouts are paid from (source {type: wallet})
 * @param wireBankAccountId     the wire bank account payouts are paid to (destination {type: wire}): the
 *                              broker's funding account
 * @param payoutResilience      timeout, retries and circuit breaker around payout calls
 * @param transferResilience    the same around business-account transfers (a withdrawal's on-ramp), served
 *                              at {@code payouts-base-url} too ({@code /v1/businessAccount/transfers})
 * @param baseUrl               Circle's developer-controlled wallets API ({@code /v1/w3s/...}, production
 *                              {@code https://api.circle.com}): the same key, and env var
 *                              ({@code STACK_CIRCLE_BASE_URL}), as wallet-service's, whose wallets it sends from
 * @param entitySecret          the 32-byte entity secret as 64 hex characters, encrypted afresh for every wallet
 *                              transfer: the same key and env var ({@code STACK_CIRCLE_ENTITY_SECRET}) as
 *                              wallet-service's, one secret for both
 * @param usdcTokenIds          Circle's token id of USDC on the blockchain of the custody wallets, per chain
 *                              (testnets locally: the wallets are made on ETH-SEPOLIA and SOL-DEVNET): the
 *                              token a withdrawal sends, and the only token an inbound transfer of that chain
 *                              is credited for (any other is ignored as {@code unsupported_token})
 * @param walletResilience      timeout, retries and circuit breaker around wallet transfers
 */
@ConfigurationProperties("stack.circle")
public record CircleProperties(
        @DefaultValue("http://127.0.0.1:8090/circle") URI notificationsBaseUrl,
        @DefaultValue("TEST_API_KEY:stack-local:sandbox") String apiKey,
        @DefaultValue("5m") Duration webhookReplayWindow,
        @DefaultValue("64KB") DataSize webhookMaxBodySize,
        @DefaultValue PartnerResilience.Settings resilience,
        @DefaultValue("http://127.0.0.1:8090/circle") URI payoutsBaseUrl,
        @DefaultValue("1000216185") String masterWalletId,

        @DefaultValue("6a3a947e-a0d9-4b2a-9a3e-0fa9e5a2d5a1")
        String wireBankAccountId,

        @DefaultValue PartnerResilience.Settings payoutResilience,
        @DefaultValue PartnerResilience.Settings transferResilience,
        @DefaultValue("http://127.0.0.1:8090/circle") URI baseUrl,

        @DefaultValue("6c6f63616c2d6f6e6c792d656e746974792d7365637265742d3332627974657a")
        String entitySecret,

        @DefaultValue UsdcTokenIds usdcTokenIds,
        @DefaultValue PartnerResilience.Settings walletResilience,
        @DefaultValue("10m") Duration unknownKeyTtl,
        @DefaultValue("10") int keyLookupsPerMinute) {

    public CircleProperties {
        if (unknownKeyTtl == null || unknownKeyTtl.isNegative() || unknownKeyTtl.isZero()) {
            throw new IllegalArgumentException("stack.circle.unknown-key-ttl must be positive");
        }
        if (keyLookupsPerMinute < 1) {
            throw new IllegalArgumentException("stack.circle.key-lookups-per-minute must be at least 1");
        }
        if (entitySecret == null || !entitySecret.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("stack.circle.entity-secret must be 64 hex characters (32 bytes)");
        }
    }

    /** The entity secret's 32 raw bytes. */
    public byte[] entitySecretBytes() {
        return HexFormat.of().parseHex(entitySecret);
    }

    /**
     * Circle's USDC token id per chain: the sandbox's ETH-SEPOLIA and SOL-DEVNET ids by default; production
     * sets those of ETH and SOL ({@code STACK_CIRCLE_USDC_TOKEN_IDS_ETHEREUM}, {@code ..._SOLANA}). Every
     * chain needs one: an empty id refuses to start (with none, a check of inbound tokens could only accept
     * every token, and a worthless token sent to a deposit address would become buying power).
     */
    public record UsdcTokenIds(
            @DefaultValue("5797fbd6-3795-519d-84ca-ec4c5f80c3b1")
            String ethereum,

            @DefaultValue("8fb3cadb-0ef4-573d-8fcd-e194f961c728")
            String solana) {

        public UsdcTokenIds {
            for (Chain chain : Chain.values()) {
                String id = switch (chain) {
                    case ETHEREUM -> ethereum;
                    case SOLANA -> solana;
                };
                if (id == null || id.isBlank()) {
                    throw new IllegalArgumentException("stack.circle.usdc-token-ids." + chain.column() + " is empty: it"
                            + " must be Circle's token id of USDC on " + chain.column()
                            + " (only that token is credited)");
                }
            }
        }

        public String of(Chain chain) {
            return switch (chain) {
                case ETHEREUM -> ethereum;
                case SOLANA -> solana;
            };
        }
    }
}
