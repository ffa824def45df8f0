package com.stack.investing.adapters.alpaca;

import java.net.URI;
import java.time.Duration;

import com.stack.defaults.resilience.PartnerResilience;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stack.alpaca.*} in investing-service: the same Broker API, key pair and names as funding's (one set of
 * {@code STACK_ALPACA_*} values for both), plus Alpaca's market data API ({@code data-url}), which investing reads
 * whichever broker executes the orders, and the trade event stream. The defaults point at the partner sandbox;
 * production sets {@code base-url} {@code https://broker-api.alpaca.markets} and {@code data-url}
 * {@code https://data.alpaca.markets}.
 *
 * @param baseUrl        the Broker API
 * @param dataUrl        the market data API
 * @param apiKey         HTTP Basic user
 * @param apiSecret      HTTP Basic password
 * @param resilience     timeout, retries and circuit breaker around every Broker API call
 * @param dataResilience the same around every market data call
 * @param tradeEvents    the trade event stream ({@code /v2/events/trades})
 */
@ConfigurationProperties("stack.alpaca")
public record AlpacaProperties(
        @DefaultValue("http://127.0.0.1:8090/alpaca") URI baseUrl,
        @DefaultValue("http://127.0.0.1:8090/alpaca/data") URI dataUrl,
        @DefaultValue("alpaca_local_key") String apiKey,
        @DefaultValue("alpaca_local_secret") String apiSecret,
        @DefaultValue PartnerResilience.Settings resilience,
        @DefaultValue PartnerResilience.Settings dataResilience,
        @DefaultValue TradeEvents tradeEvents) {

    /**
     * @param enabled          follow the stream (off: order outcomes are only read back by status reads)
     * @param reconnectBackoff wait before reconnecting after the stream ended or failed
     * @param idleTimeout      reconnect when nothing (not even a heartbeat) arrived for this long
     */
    public record TradeEvents(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration reconnectBackoff,
            @DefaultValue("60s") Duration idleTimeout) {
    }
}
