package com.stack.sandbox.alpaca.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.stack.sandbox.alpaca.domain.AlpacaException;
import com.stack.sandbox.market.app.MarketClock;
import com.stack.sandbox.market.app.Prices;
import com.stack.sandbox.market.domain.AssetClass;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alpaca's market data API (its data host, {@code https://data.alpaca.markets}) under
 * {@value #BASE_PATH}, same Basic auth: snapshots of the sandbox market's prices, for either broker's
 * users. Unknown symbols (and expired contracts) are absent from the answer.
 */
@RestController
@RequestMapping(path = AlpacaMarketDataController.BASE_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
public class AlpacaMarketDataController {

    public static final String BASE_PATH = AlpacaApi.BASE_PATH + "/data";
    static final int MAX_SYMBOLS = 1000;

    private final Prices prices;
    private final MarketClock clock;

    public AlpacaMarketDataController(Prices prices, MarketClock clock) {
        this.prices = prices;
        this.clock = clock;
    }

    /** {@code {"latestTrade": {"p", "t"}, "prevDailyBar": {"c"}}}. */
    public record Snapshot(Trade latestTrade, Bar prevDailyBar) {}

    public record Trade(BigDecimal p, Instant t) {}

    public record Bar(BigDecimal c) {}

    public record OptionSnapshots(Map<String, Snapshot> snapshots) {}

    @GetMapping("/v2/stocks/snapshots")
    public Map<String, Snapshot> stocks(@RequestParam(required = false) String symbols) {
        return snapshots(symbols, AssetClass.EQUITY);
    }

    @GetMapping("/v1beta1/options/snapshots")
    public OptionSnapshots options(@RequestParam(required = false) String symbols) {
        return new OptionSnapshots(snapshots(symbols, AssetClass.OPTION));
    }

    private Map<String, Snapshot> snapshots(String symbols, AssetClass assetClass) {
        if (symbols == null || symbols.isBlank()) {
            throw AlpacaException.malformed("symbols is required: a comma-separated list");
        }
        String[] requested = symbols.split(",");
        if (requested.length > MAX_SYMBOLS) {
            throw AlpacaException.malformed("at most " + MAX_SYMBOLS + " symbols");
        }
        Instant now = clock.now();
        Map<String, Snapshot> found = new LinkedHashMap<>();
        Arrays.stream(requested)
                .map(String::trim)
                .distinct()
                .forEach(symbol -> prices.quote(symbol, now)
                        .filter(quote -> quote.instrument().assetClass() == assetClass)
                        .ifPresent(quote -> found.put(
                                symbol, new Snapshot(new Trade(quote.price(), now), new Bar(quote.previousClose())))));
        return found;
    }
}
