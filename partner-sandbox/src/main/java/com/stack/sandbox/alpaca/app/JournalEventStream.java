package com.stack.sandbox.alpaca.app;

import java.time.Duration;

import com.stack.sandbox.alpaca.config.AlpacaSandboxProperties;
import com.stack.sandbox.alpaca.domain.JournalEvent;
import com.stack.sandbox.faults.app.Faults;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/** The journal status event stream ({@code GET /v2/events/journals/status}); delivery faults name it {@value #DELIVERY}. */
@Service
public class JournalEventStream extends EventStream<JournalEvent> {

    /** The delivery name of this stream's events in the fault API. */
    public static final String DELIVERY = "journals.status";

    @Autowired
    public JournalEventStream(JournalEvents events, Faults faults, AlpacaSandboxProperties properties) {
        this(events, faults, properties.heartbeatInterval());
    }

    JournalEventStream(JournalEvents events, Faults faults, Duration heartbeat) {
        super(events, faults, heartbeat, DELIVERY);
    }
}
