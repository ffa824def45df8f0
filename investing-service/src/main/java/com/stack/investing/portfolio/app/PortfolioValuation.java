package com.stack.investing.portfolio.app;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.stack.defaults.errors.RetryLaterException;
import com.stack.defaults.security.Caller;
import com.stack.investing.broker.app.MarketData;
import com.stack.investing.portfolio.domain.Holding;
import com.stack.investing.portfolio.domain.Portfolio;
import com.stack.investing.portfolio.domain.Position;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Values the caller's portfolio: the positions the fills built, at the market's prices ({@link MarketData}), and
 * cash, which is funding's buying power as last announced (0.00 before any). Without a price for every position
 * it answers BUSY (try again) rather than a figure it made up.
 */
@Service
public class PortfolioValuation {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final Positions positions;
    private final BuyingPowers buyingPower;
    private final MarketData marketData;

    public PortfolioValuation(Positions positions, BuyingPowers buyingPower, MarketData marketData) {
        this.positions = positions;
        this.buyingPower = buyingPower;
        this.marketData = marketData;
    }

    public Mono<Portfolio> portfolio(Caller caller) {
        return portfolio(caller.userId());
    }

    /**
     * The user's portfolio, for whoever may read it: the caller's own through the API, any user's for another
     * service through the internal API (which only a service token reaches).
     */
    public Mono<Portfolio> portfolio(UUID userId) {
        return Mono.zip(
                        positions.findForUser(userId).collectList(),
                        buyingPower.find(userId).defaultIfEmpty(BigDecimal.ZERO))
                .flatMap(found -> quotes(found.getT1())
                        .map(quotes -> Portfolio.of(
                                found.getT1().stream()
                                        .map(holding -> {
                                            MarketData.Quote quote = quotes.get(holding.symbol());
                                            return new Position(
                                                    holding.symbol(),
                                                    holding.assetType(),
                                                    holding.quantity(),
                                                    holding.costBasisUsd(),
                                                    quote.price(),
                                                    quote.previousClose() != null
                                                            ? quote.previousClose()
                                                            : quote.price());
                                        })
                                        .toList(),
                                found.getT2())));
    }

    private Mono<Map<String, MarketData.Quote>> quotes(List<Holding> holdings) {
        if (holdings.isEmpty()) {
            return Mono.just(Map.of());
        }
        Set<String> symbols = holdings.stream().map(Holding::symbol).collect(Collectors.toSet());
        return marketData
                .quotes(symbols)
                .onErrorMap(
                        e -> !(e instanceof RetryLaterException),
                        e -> RetryLaterException.busy(
                                "Prices are not available right now; try again shortly", RETRY_AFTER))
                .map(quotes -> {
                    if (!quotes.keySet().containsAll(symbols)
                            || symbols.stream()
                                    .anyMatch(symbol -> quotes.get(symbol).price() == null)) {
                        throw RetryLaterException.busy(
                                "Prices are not available right now; try again shortly", RETRY_AFTER);
                    }
                    return quotes;
                });
    }
}
