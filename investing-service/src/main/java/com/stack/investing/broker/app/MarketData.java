package com.stack.investing.broker.app;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

/**
 * Prices for the portfolio (the port; Alpaca's market data API is the adapter, served locally by the sandbox).
 * Equities by ticker, options by OCC symbol; prices per share (an option's per share too: x 100 per contract).
 */
public interface MarketData {

    /** The latest trade price and the previous session's close of each symbol known; unknown symbols are left out. */
    Mono<Map<String, Quote>> quotes(Set<String> symbols);

    record Quote(String symbol, BigDecimal price, BigDecimal previousClose, Instant at) {}
}
