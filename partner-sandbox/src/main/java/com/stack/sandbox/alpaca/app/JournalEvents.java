package com.stack.sandbox.alpaca.app;

import java.time.Clock;

import com.stack.sandbox.alpaca.domain.JournalEvent;
import com.stack.sandbox.alpaca.domain.NewJournal;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/** Every journal status change since startup, in the order it happened, each under a new ULID. */
@Service
public class JournalEvents extends EventLog<JournalEvent> {

    @Autowired
    public JournalEvents() {
        this(Clock.systemUTC());
    }

    JournalEvents(Clock clock) {
        super(clock, JournalEvent::eventId);
    }

    /** Records that the journal went from {@code statusFrom} to {@code statusTo}, now. */
    JournalEvent append(String journalId, String statusFrom, String statusTo) {
        return append((id, at) -> new JournalEvent(id, journalId, NewJournal.JNLC, statusFrom, statusTo, at));
    }
}
