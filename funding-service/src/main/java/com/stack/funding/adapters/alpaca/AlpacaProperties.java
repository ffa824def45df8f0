package com.stack.funding.adapters.alpaca;

import java.net.URI;
import java.time.Duration;

import com.stack.defaults.resilience.PartnerResilience;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stack.alpaca.*} in funding-service: Alpaca's Broker API. The defaults point at the partner sandbox;
 * production sets {@code base-url} {@code https://broker-api.alpaca.markets} (sandbox
 * {@code https://broker-api.sandbox.alpaca.markets}), the key pair and the firm account through the
 * environment ({@code STACK_ALPACA_*}).
 *
 * @param baseUrl       the Broker API
 * @param apiKey        HTTP Basic user
 * @param apiSecret     HTTP Basic password
 * @param firmAccountId the firm's account that deposits are journaled from (JNLC)
 * @param resilience    timeout, retries and circuit breaker around every call
 * @param events        the journal status event stream
 */
@ConfigurationProperties("stack.alpaca")
public record AlpacaProperties(
        @DefaultValue("http://127.0.0.1:8090/alpaca") URI baseUrl,
        @DefaultValue("alpaca_local_key") String apiKey,
        @DefaultValue("alpaca_local_secret") String apiSecret,
        @DefaultValue("b0b6dd9d-8b9b-48a9-ba46-b9d54906e415") String firmAccountId,
        @DefaultValue PartnerResilience.Settings resilience,
        @DefaultValue Events events) {

    /**
     * @param enabled          follow the stream (off: the reconciler still reads journals back)
     * @param reconnectBackoff wait before reconnecting after the stream ended or failed
     * @param idleTimeout      reconnect when nothing (not even a heartbeat) arrived for this long
     */
    public record Events(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration reconnectBackoff,
            @DefaultValue("60s") Duration idleTimeout) {
    }
}
