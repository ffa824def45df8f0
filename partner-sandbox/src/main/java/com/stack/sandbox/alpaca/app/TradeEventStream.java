package com.stack.sandbox.alpaca.app;

import java.time.Duration;

import com.stack.sandbox.alpaca.config.AlpacaSandboxProperties;
import com.stack.sandbox.alpaca.domain.TradeEvent;
import com.stack.sandbox.faults.app.Faults;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/** The trade event stream ({@code GET /v2/events/trades}); delivery faults name it {@value #DELIVERY}. */
@Service
public class TradeEventStream extends EventStream<TradeEvent> {

    /** The delivery name of this stream's events in the fault API. */
    public static final String DELIVERY = "trades";

    @Autowired
    public TradeEventStream(TradeEvents events, Faults faults, AlpacaSandboxProperties properties) {
        this(events, faults, properties.heartbeatInterval());
    }

    TradeEventStream(TradeEvents events, Faults faults, Duration heartbeat) {
        super(events, faults, heartbeat, DELIVERY);
    }
}
