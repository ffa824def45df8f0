package com.stack.wallet.wallet.adapters.circle;

import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;

import com.stack.wallet.wallet.domain.Chain;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stack.circle.*}: Circle's developer-controlled wallets API. The defaults point at the partner
 * sandbox ({@code ./stack up}); production sets the base URL {@code https://api.circle.com}, its API key and
 * entity secret through the environment ({@code STACK_CIRCLE_API_KEY}, {@code STACK_CIRCLE_ENTITY_SECRET}).
 *
 * @param baseUrl       the API's base, under which the {@code /v1/w3s/...} paths live
 * @param apiKey        sent as {@code Authorization: Bearer <apiKey>}; a {@code TEST_API_KEY:} key selects testnets
 * @param entitySecret  the 32-byte entity secret as 64 hex characters; encrypted afresh for every write
 * @param walletSetName the wallet set every user wallet is created in, created on first use
 * @param walletSetId   an existing wallet set's id, used as is instead of creating one by name (optional)
 * @param blockchains   Circle's blockchain code per chain (testnets locally, ETH and SOL in production)
 * @param resilience    timeout, retries and circuit breaker around every call
 */
@ConfigurationProperties("stack.circle")
public record CircleProperties(
        @DefaultValue("http://127.0.0.1:8090/circle") URI baseUrl,
        @DefaultValue("TEST_API_KEY:stack-local:sandbox") String apiKey,

        @DefaultValue("6c6f63616c2d6f6e6c792d656e746974792d7365637265742d3332627974657a")
        String entitySecret,

        @DefaultValue("stack-users") String walletSetName,
        String walletSetId,
        @DefaultValue Blockchains blockchains,
        @DefaultValue Resilience resilience) {

    public CircleProperties {
        if (entitySecret == null || !entitySecret.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("stack.circle.entity-secret must be 64 hex characters (32 bytes)");
        }
    }

    /** The entity secret's 32 raw bytes. */
    public byte[] entitySecretBytes() {
        return HexFormat.of().parseHex(entitySecret);
    }

    /** Circle's blockchain code per chain, e.g. {@code ETH-SEPOLIA} and {@code SOL-DEVNET} on testnets. */
    public record Blockchains(
            @DefaultValue("ETH-SEPOLIA") String ethereum,
            @DefaultValue("SOL-DEVNET") String solana) {

        public String codeOf(Chain chain) {
            return switch (chain) {
                case ETHEREUM -> ethereum;
                case SOLANA -> solana;
            };
        }
    }

    /**
     * @param timeout             one attempt's limit
     * @param maxAttempts         attempts per call (a transient failure is retried; every call is idempotent)
     * @param initialBackoff      wait before the second attempt, doubled per attempt
     * @param maxBackoff          retry wait cap
     * @param failureRateThreshold percentage of transient failures in the window that opens the breaker
     * @param minimumCalls        calls in the window before the failure rate counts
     * @param slidingWindow       calls the failure rate is computed over
     * @param openStateWait       how long an open breaker refuses calls before letting a few through
     */
    public record Resilience(
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("2s") Duration maxBackoff,
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int minimumCalls,
            @DefaultValue("20") int slidingWindow,
            @DefaultValue("10s") Duration openStateWait) {}
}
