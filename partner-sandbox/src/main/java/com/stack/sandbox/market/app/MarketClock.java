package com.stack.sandbox.market.app;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.stack.sandbox.market.config.MarketProperties;
import com.stack.sandbox.market.domain.TradingHours;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/** Whether the market is open: by its configured hours, unless the control API forced it open or closed. */
@Service
public class MarketClock {

    private final TradingHours hours;
    private final Clock clock;
    /** Empty: follow the hours. */
    private final AtomicReference<Optional<Boolean>> forced = new AtomicReference<>(Optional.empty());

    @Autowired
    public MarketClock(MarketProperties properties) {
        this(properties.tradingHours(), Clock.systemUTC());
    }

    public MarketClock(TradingHours hours, Clock clock) {
        this.hours = hours;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public boolean isOpen() {
        return forced.get().orElseGet(() -> hours.isOpen(now()));
    }

    public TradingHours hours() {
        return hours;
    }

    /** Forces the market open ({@code true}) or closed ({@code false}); empty: back to the hours. */
    public void force(Optional<Boolean> open) {
        forced.set(open);
    }

    public Optional<Boolean> forced() {
        return forced.get();
    }
}
