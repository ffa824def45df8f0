package com.stack.investing.broker.adapters.alpaca;

import java.net.URI;

import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.defaults.partners.sse.ResumableEventStream;
import com.stack.defaults.resilience.PartnerResilience;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stack.alpaca.*} in investing-service besides the Broker API's ({@link AlpacaConnection}, the same
 * {@code STACK_ALPACA_*} values as funding's): Alpaca's market data API ({@code data-url}, the same key pair), which
 * investing reads whichever broker executes the orders, and the trade event stream. The default points at the
 * partner sandbox; production sets {@code data-url} {@code https://data.alpaca.markets}.
 *
 * @param dataUrl        the market data API
 * @param dataResilience timeout, retries and circuit breaker around every market data call
 * @param tradeEvents    the trade event stream ({@code /v2/events/trades}; off: order outcomes are only read back
 *                       by status reads)
 */
@ConfigurationProperties("stack.alpaca")
public record AlpacaProperties(
        @DefaultValue("http://127.0.0.1:8090/alpaca/data") URI dataUrl,
        @DefaultValue PartnerResilience.Settings dataResilience,
        @DefaultValue ResumableEventStream.Settings tradeEvents) {}
