package com.stack.sandbox.market.app;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import com.stack.sandbox.market.config.MarketProperties;
import com.stack.sandbox.market.domain.Instrument;
import com.stack.sandbox.market.domain.OptionPricing;
import com.stack.sandbox.market.domain.PriceWalk;
import com.stack.sandbox.market.domain.TradingHours;
import org.springframework.stereotype.Service;

/** The market's prices: equities from their seeded walk, options priced from their underlying's. */
@Service
public class Prices {

    private final PriceWalk walk;
    private final Set<String> unknown;

    public Prices(MarketProperties properties) {
        this.walk = new PriceWalk(properties.seed());
        this.unknown = Set.copyOf(properties.unknownSymbols());
    }

    /** A price with the previous session's closing price. */
    public record Quote(Instrument instrument, BigDecimal price, BigDecimal previousClose, Instant at) {}

    /** The instrument {@code symbol} names if the market knows it (an expired contract included). */
    public Optional<Instrument> instrument(String symbol) {
        return Instrument.parse(symbol)
                .filter(instrument -> !unknown.contains(
                        instrument instanceof Instrument.OptionContract option ? option.root() : instrument.symbol()));
    }

    public BigDecimal price(Instrument instrument, Instant at) {
        if (instrument instanceof Instrument.OptionContract option) {
            return OptionPricing.price(option, walk.price(option.root(), at), TradingHours.today(at));
        }
        return walk.price(instrument.symbol(), at);
    }

    /** The quote of a known symbol; empty for an unknown one or an expired contract. */
    public Optional<Quote> quote(String symbol, Instant at) {
        return instrument(symbol)
                .filter(instrument -> !(instrument instanceof Instrument.OptionContract option
                        && option.expiredOn(TradingHours.today(at))))
                .map(instrument -> new Quote(
                        instrument, price(instrument, at), price(instrument, TradingHours.previousClose(at)), at));
    }
}
