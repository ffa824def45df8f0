package com.stack.gateway.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param subgraphs          subgraph name to its GraphQL endpoint, in the order fields are assigned
 * @param subgraphTimeout    how long one subgraph request may take
 * @param startupWait        how long startup waits for every subgraph before starting unready
 * @param retryInterval      how often a missing subgraph's schema is asked for again
 * @param maxRequestBytes    larger request bodies are refused with 413
 */
@ConfigurationProperties("stack.gateway")
public record GatewayProperties(Map<String, String> subgraphs, Duration subgraphTimeout, Duration startupWait,
        Duration retryInterval, Integer maxRequestBytes) {

    public GatewayProperties {
        subgraphs = subgraphs == null ? Map.of() : new LinkedHashMap<>(subgraphs);
        subgraphTimeout = subgraphTimeout == null ? Duration.ofSeconds(10) : subgraphTimeout;
        startupWait = startupWait == null ? Duration.ofSeconds(20) : startupWait;
        retryInterval = retryInterval == null ? Duration.ofSeconds(2) : retryInterval;
        maxRequestBytes = maxRequestBytes == null ? 256 * 1024 : maxRequestBytes;
    }
}
