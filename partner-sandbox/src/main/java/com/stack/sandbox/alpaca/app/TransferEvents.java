package com.stack.sandbox.alpaca.app;

import java.time.Clock;

import com.stack.sandbox.alpaca.domain.Transfer;
import com.stack.sandbox.alpaca.domain.TransferEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/** Every transfer status change since startup, in the order it happened, each under a new ULID. */
@Service
public class TransferEvents extends EventLog<TransferEvent> {

    @Autowired
    public TransferEvents() {
        this(Clock.systemUTC());
    }

    TransferEvents(Clock clock) {
        super(clock, TransferEvent::eventId);
    }

    /** Records that the transfer went from {@code statusFrom} to its status now. */
    TransferEvent append(Transfer transfer, String statusFrom) {
        return append((id, at) -> new TransferEvent(
                id,
                at,
                transfer.accountId(),
                transfer.id(),
                statusFrom,
                transfer.status(),
                transfer.direction(),
                transfer.type(),
                transfer.amount()));
    }
}
