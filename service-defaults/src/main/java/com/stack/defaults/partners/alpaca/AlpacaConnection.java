package com.stack.defaults.partners.alpaca;

import java.net.URI;

import com.stack.defaults.resilience.PartnerResilience;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@code stack.alpaca.*}: Alpaca's Broker API as every service that calls it reaches it (one set of
 * {@code STACK_ALPACA_*} values for all). A service binds its own further settings under the same prefix in a record
 * of its own. The defaults point at the partner sandbox; production sets {@code base-url}
 * {@code https://broker-api.alpaca.markets} (sandbox {@code https://broker-api.sandbox.alpaca.markets}) and the key
 * pair through the environment.
 *
 * @param baseUrl    the Broker API
 * @param apiKey     HTTP Basic user
 * @param apiSecret  HTTP Basic password
 * @param resilience timeout, retries and circuit breaker around every Broker API call
 */
@ConfigurationProperties("stack.alpaca")
public record AlpacaConnection(
        @DefaultValue("http://127.0.0.1:8090/alpaca") URI baseUrl,
        @DefaultValue("alpaca_local_key") String apiKey,
        @DefaultValue("alpaca_local_secret") String apiSecret,
        @DefaultValue PartnerResilience.Settings resilience) {

    /** A client of the Broker API, HTTP Basic auth with the key pair on every call. */
    public WebClient client(WebClient.Builder webClients) {
        return client(webClients, baseUrl);
    }

    /** A client of another of Alpaca's APIs that takes the same key pair (market data). */
    public WebClient client(WebClient.Builder webClients, URI url) {
        return webClients
                .clone()
                .baseUrl(url.toString())
                .defaultHeaders(headers -> headers.setBasicAuth(apiKey, apiSecret))
                .build();
    }
}
