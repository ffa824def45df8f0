package com.stack.gateway.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.stack.gateway.federation.limit.QueryLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param subgraphs          subgraph name to its GraphQL endpoint, in the order fields are assigned
 * @param subgraphTimeout    how long one subgraph request may take (for a subscription: connecting and its acknowledgement)
 * @param startupWait        how long startup waits for every subgraph before starting unready
 * @param retryInterval      how often a missing subgraph's schema is asked for again
 * @param maxRequestBytes    larger request bodies are refused with 413 (and larger WebSocket messages close the socket)
 * @param websocket          {@code /graphql} over WebSocket
 * @param rateLimits         per-user budgets of root mutation fields, {@code <field>: <count>/<window>}, counted
 *                           in Redis across gateway instances; each occurrence (alias) counts. Configured
 *                           fields replace or add to the defaults {@link #DEFAULT_RATE_LIMITS}
 * @param limits             limits on one operation's aliases, root fields, fields and estimated cost
 */
@ConfigurationProperties("stack.gateway")
public record GatewayProperties(
        Map<String, String> subgraphs,
        Duration subgraphTimeout,
        Duration startupWait,
        Duration retryInterval,
        Integer maxRequestBytes,
        Websocket websocket,
        Map<String, String> rateLimits,
        QueryLimits limits) {

    /**
     * The expensive mutations' budgets per user: money leaving the app, orders sent to the broker, a
     * memory-hard passcode hash (16 MB of Argon2 per call), and a model run.
     */
    public static final Map<String, String> DEFAULT_RATE_LIMITS = Map.of(
            "initiateWithdrawal", "5/1m",
            "placeOrder", "30/1m",
            "setPasscode", "5/10m",
            "requestPortfolioAnalysis", "10/1h");

    public GatewayProperties {
        subgraphs = subgraphs == null ? Map.of() : new LinkedHashMap<>(subgraphs);
        subgraphTimeout = subgraphTimeout == null ? Duration.ofSeconds(10) : subgraphTimeout;
        startupWait = startupWait == null ? Duration.ofSeconds(20) : startupWait;
        retryInterval = retryInterval == null ? Duration.ofSeconds(2) : retryInterval;
        maxRequestBytes = maxRequestBytes == null ? 256 * 1024 : maxRequestBytes;
        websocket = websocket == null ? new Websocket(null, null) : websocket;
        Map<String, String> budgets = new LinkedHashMap<>(DEFAULT_RATE_LIMITS);
        if (rateLimits != null) {
            budgets.putAll(rateLimits);
        }
        rateLimits = budgets;
        limits = limits == null ? QueryLimits.defaults() : limits;
    }

    /**
     * @param connectionInitTimeout how long a client may take to send {@code connection_init} (then: close 4408)
     * @param maxOperations         operations (subscriptions mostly) one socket may run at once
     */
    public record Websocket(Duration connectionInitTimeout, Integer maxOperations) {

        public Websocket {
            connectionInitTimeout = connectionInitTimeout == null ? Duration.ofSeconds(10) : connectionInitTimeout;
            maxOperations = maxOperations == null ? 25 : maxOperations;
        }
    }
}
