package com.stack.sandbox.market.config;

import java.time.Duration;
import java.util.List;

import com.stack.sandbox.market.domain.TradingHours;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sandbox's market ({@code stack.sandbox.market.*}), shared by both brokers.
 *
 * @param seed           the seed of every symbol's price walk
 * @param unknownSymbols well-formed symbols the market does not know: orders for them are refused, and
 *                       they have no quote
 * @param hours          {@code always-open} or {@code exchange} (09:30-16:00 America/New_York, Monday to Friday)
 * @param fillDelay      how long after an order starts working it fills (or is rejected); a split's
 *                       second fill comes one more delay later
 * @param cancelDelay    how long a cancel request takes to cancel (an order may fill meanwhile)
 * @param clockInterval  how often the market checks its clock (opening, closing) and resting limit orders
 */
@ConfigurationProperties("stack.sandbox.market")
public record MarketProperties(
        @DefaultValue("42") long seed,
        @DefaultValue("ZZZZ") List<String> unknownSymbols,
        @DefaultValue("always-open") String hours,
        @DefaultValue("200ms") Duration fillDelay,
        @DefaultValue("100ms") Duration cancelDelay,
        @DefaultValue("1s") Duration clockInterval) {

    public MarketProperties {
        unknownSymbols = unknownSymbols == null ? List.of() : List.copyOf(unknownSymbols);
        TradingHours.named(hours);
        for (Duration delay : new Duration[] {fillDelay, cancelDelay}) {
            if (delay == null || delay.isNegative()) {
                throw new IllegalArgumentException(
                        "stack.sandbox.market.fill-delay and cancel-delay must not be negative");
            }
        }
        if (clockInterval == null || clockInterval.isNegative() || clockInterval.isZero()) {
            throw new IllegalArgumentException("stack.sandbox.market.clock-interval must be positive");
        }
    }

    public TradingHours tradingHours() {
        return TradingHours.named(hours);
    }
}
