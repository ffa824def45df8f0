package com.stack.sandbox.alpaca.app;

import java.time.Duration;

import com.stack.sandbox.alpaca.config.AlpacaSandboxProperties;
import com.stack.sandbox.alpaca.domain.TransferEvent;
import com.stack.sandbox.faults.app.Faults;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/** The funding (transfer) status event stream ({@code GET /v2/events/funding/status}); delivery faults name it {@value #DELIVERY}. */
@Service
public class TransferEventStream extends EventStream<TransferEvent> {

    /** The delivery name of this stream's events in the fault API. */
    public static final String DELIVERY = "funding.status";

    @Autowired
    public TransferEventStream(TransferEvents events, Faults faults, AlpacaSandboxProperties properties) {
        this(events, faults, properties.heartbeatInterval());
    }

    TransferEventStream(TransferEvents events, Faults faults, Duration heartbeat) {
        super(events, faults, heartbeat, DELIVERY);
    }
}
