package com.stack.investing.broker.adapters.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.investing.broker.adapters.alpaca.AlpacaProperties;
import com.stack.investing.broker.adapters.drivewealth.BrokerSandbox;
import com.stack.investing.broker.app.MarketData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** Alpaca's market data adapter against the partner sandbox's data API, over HTTP. */
class AlpacaMarketDataTest {

    static final BrokerSandbox SANDBOX = BrokerSandbox.shared();

    static final Map<String, String> SETTINGS = Map.of(
            "stack.alpaca.data-url",
            SANDBOX.url("/alpaca/data"),
            "stack.alpaca.data-resilience.initial-backoff",
            "20ms");

    final AlpacaMarketData marketData = new AlpacaMarketData(
            WebClient.builder(),
            BrokerSandbox.properties("stack.alpaca", AlpacaConnection.class, SETTINGS),
            BrokerSandbox.properties("stack.alpaca", AlpacaProperties.class, SETTINGS),
            Clock.systemUTC());

    @AfterEach
    void clearFaults() {
        SANDBOX.clearFaults();
    }

    @Test
    void equitiesAndOptionsArePricedAsTheSandboxPricesThemAndUnknownSymbolsAreLeftOut() {
        String option = "AAPL" + "301220" + "C" + "00150000";

        Map<String, MarketData.Quote> quotes =
                marketData.quotes(Set.of("AAPL", "VTI", "ZZZZ", option)).block(BrokerSandbox.TIMEOUT);

        assertThat(quotes).containsOnlyKeys("AAPL", "VTI", option);
        Map<String, Object> aapl = SANDBOX.controlGet("/market/prices/{s}", "AAPL");
        assertThat(quotes.get("AAPL").previousClose())
                .isEqualByComparingTo(new BigDecimal(String.valueOf(aapl.get("previousClose"))));
        assertThat(quotes.get("AAPL").price()).isPositive();
        assertThat(quotes.get(option).price()).isGreaterThanOrEqualTo(new BigDecimal("0.05"));
    }

    @Test
    void moreThanABatchOfSymbolsIsAskedInBatchesAndAllAreAnswered() {
        Set<String> symbols = new HashSet<>();
        for (char first = 'A'; symbols.size() < 120; first++) {
            for (char second = 'A'; second <= 'Z' && symbols.size() < 120; second++) {
                symbols.add("Q" + first + second);
            }
        }

        assertThat(marketData.quotes(symbols).block(BrokerSandbox.TIMEOUT)).containsOnlyKeys(symbols);
    }

    @Test
    void aTransientFailureIsRetriedAndAPersistentOneFails() {
        SANDBOX.fault("alpaca", "GET", "/data/v2/stocks/snapshots", 503, 1);
        assertThat(marketData.quotes(Set.of("IBM")).block(BrokerSandbox.TIMEOUT))
                .containsOnlyKeys("IBM");

        SANDBOX.fault("alpaca", "GET", "/data/v2/stocks/snapshots", 503, 3);
        assertThatThrownBy(() -> marketData.quotes(Set.of("ORCL")).block(BrokerSandbox.TIMEOUT))
                .isInstanceOf(AlpacaMarketData.MarketDataUnavailableException.class);
    }
}
