package com.stack.investing.broker.adapters.marketdata;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.defaults.resilience.PartnerErrors;
import com.stack.defaults.resilience.PartnerResilience;
import com.stack.investing.broker.adapters.alpaca.AlpacaProperties;
import com.stack.investing.broker.app.MarketData;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Alpaca's market data API as {@link MarketData}, whichever broker executes the orders: equities from
 * {@code GET /v2/stocks/snapshots?symbols=} (an object by symbol), options by OCC symbol from
 * {@code GET /v1beta1/options/snapshots?symbols=} ({@code {"snapshots": {...}}}); the price is the latest trade's
 * {@code p}, the previous close the previous daily bar's {@code c}. Symbols are asked 50 to a request, and what
 * was answered (a quote, or that the symbol is unknown) is kept for {@code CACHE_TTL}, so a portfolio read
 * per screen refresh does not ask again. Unknown symbols are left out of the answer.
 */
public class AlpacaMarketData implements MarketData {

    static final int BATCH = 50;
    static final Duration CACHE_TTL = Duration.ofSeconds(2);
    static final Pattern OCC = Pattern.compile("^[A-Z]{1,5}\\d{6}[CP]\\d{8}$");
    private static final ParameterizedTypeReference<Map<String, Snapshot>> STOCK_SNAPSHOTS =
            new ParameterizedTypeReference<>() {};

    private final WebClient web;
    private final PartnerResilience resilience;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public AlpacaMarketData(
            WebClient.Builder webClients, AlpacaConnection connection, AlpacaProperties properties, Clock clock) {
        this.web = connection.client(webClients, properties.dataUrl());
        this.resilience = new PartnerResilience(
                "alpaca-market-data",
                properties.dataResilience(),
                e -> e instanceof MarketDataUnavailableException,
                e -> e instanceof MarketDataUnavailableException || e instanceof MarketDataRefusedException);
        this.clock = clock;
    }

    @Override
    public Mono<Map<String, Quote>> quotes(Set<String> symbols) {
        Instant now = clock.instant();
        Map<String, Quote> known = new HashMap<>();
        Set<String> stocks = new TreeSet<>();
        Set<String> options = new TreeSet<>();
        for (String symbol : symbols) {
            Cached cached = cache.get(symbol);
            if (cached != null && cached.until().isAfter(now)) {
                if (cached.quote() != null) {
                    known.put(symbol, cached.quote());
                }
            } else if (OCC.matcher(symbol).matches()) {
                options.add(symbol);
            } else {
                stocks.add(symbol);
            }
        }
        return Flux.concat(
                        batches(stocks, "/v2/stocks/snapshots", false),
                        batches(options, "/v1beta1/options/snapshots", true))
                .doOnNext(asked -> asked.forEach((symbol, quote) -> {
                    cache.put(symbol, new Cached(quote, now.plus(CACHE_TTL)));
                    if (quote != null) {
                        known.put(symbol, quote);
                    }
                }))
                .then(Mono.fromSupplier(() -> Map.copyOf(known)));
    }

    /** The symbols asked 50 to a request; each batch's answer has every symbol asked, null for an unknown one. */
    private Flux<Map<String, Quote>> batches(Set<String> symbols, String path, boolean options) {
        List<String> all = new ArrayList<>(symbols);
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            batches.add(all.subList(from, Math.min(all.size(), from + BATCH)));
        }
        return Flux.fromIterable(batches).concatMap(batch -> ask(path, batch, options));
    }

    private Mono<Map<String, Quote>> ask(String path, List<String> batch, boolean options) {
        String what = "snapshots of " + batch.size() + (options ? " options" : " stocks");
        WebClient.ResponseSpec response = web.get()
                .uri(builder -> builder.path(path)
                        .queryParam("symbols", String.join(",", batch))
                        .build())
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), answer -> translate(what, answer));
        Mono<Map<String, Snapshot>> snapshots = options
                ? response.bodyToMono(OptionSnapshots.class)
                        .map(answer -> answer.snapshots() == null ? Map.<String, Snapshot>of() : answer.snapshots())
                : response.bodyToMono(STOCK_SNAPSHOTS);
        return resilience
                .call(
                        snapshots.defaultIfEmpty(Map.of()),
                        e -> new MarketDataUnavailableException(
                                "Alpaca " + what + " failed: " + e.getClass().getSimpleName(), e),
                        e -> new MarketDataUnavailableException(
                                "Not asking Alpaca for " + what
                                        + ": its market data API is failing repeatedly (circuit open)",
                                e))
                .map(answer -> {
                    Map<String, Quote> quotes = new HashMap<>();
                    for (String symbol : batch) {
                        quotes.put(symbol, quote(symbol, answer.get(symbol)));
                    }
                    return quotes;
                });
    }

    /** A snapshot without a latest trade is no price: the symbol counts as unknown. */
    private static Quote quote(String symbol, Snapshot snapshot) {
        if (snapshot == null
                || snapshot.latestTrade() == null
                || snapshot.latestTrade().p() == null) {
            return null;
        }
        BigDecimal previousClose =
                snapshot.prevDailyBar() == null ? null : snapshot.prevDailyBar().c();
        return new Quote(
                symbol,
                snapshot.latestTrade().p(),
                previousClose,
                snapshot.latestTrade().t());
    }

    private static Mono<? extends Throwable> translate(String what, ClientResponse response) {
        int status = response.statusCode().value();
        return PartnerErrors.describe(
                        response,
                        ErrorAnswer.class,
                        error -> "Alpaca " + error.code() + ": " + PartnerErrors.abbreviated(error.message()))
                .map(detail -> PartnerErrors.isTransient(status)
                        ? new MarketDataUnavailableException("Alpaca " + what + ": HTTP " + status + detail, null)
                        : new MarketDataRefusedException("Alpaca " + what + ": HTTP " + status + detail));
    }

    private record Cached(Quote quote, Instant until) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Snapshot(Trade latestTrade, Bar prevDailyBar) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Trade(BigDecimal p, Instant t) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Bar(BigDecimal c) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OptionSnapshots(Map<String, Snapshot> snapshots) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorAnswer(Long code, String message) {}

    /** Alpaca's market data could not be asked now (a timeout, a 5xx, a 429, an open circuit). */
    public static final class MarketDataUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public MarketDataUnavailableException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** Alpaca refused the market data request (a 4xx): asking again the same would not help. */
    public static final class MarketDataRefusedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public MarketDataRefusedException(String message) {
            super(message, null, false, false);
        }
    }
}
