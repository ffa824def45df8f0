package com.stack.sandbox.alpaca.app;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.stack.sandbox.alpaca.domain.JournalEvent;
import com.stack.sandbox.alpaca.domain.NewJournal;
import com.stack.sandbox.alpaca.domain.Ulids;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Every journal status change since startup, in the order it happened, each under a new ULID. Held in
 * a replay sink: a subscriber gets the events after an id (from the log, then live, with no gap and no
 * repeat between the two) without blocking anyone; a slow subscriber only falls behind on its own.
 * Appending is serialised (a short lock: an id and one emission), so ids and emission order agree.
 */
@Service
public class JournalEvents {

    private final Sinks.Many<JournalEvent> sink = Sinks.many().replay().all();
    /** The same events, for the control API; guarded by {@code this}. */
    private final List<JournalEvent> log = new ArrayList<>();
    private final Ulids ulids;
    private final Clock clock;
    private volatile String lastId = "";

    @Autowired
    public JournalEvents() {
        this(Clock.systemUTC());
    }

    JournalEvents(Clock clock) {
        this.clock = clock;
        // SplittableRandom seeds itself without reading the OS entropy pool: safe on an event loop
        this.ulids = new Ulids(clock::millis, new SplittableRandom());
    }

    /** Records that the journal went from {@code statusFrom} to {@code statusTo}, now. */
    synchronized JournalEvent append(String journalId, String statusFrom, String statusTo) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        JournalEvent event = new JournalEvent(ulids.next(), journalId, NewJournal.JNLC, statusFrom, statusTo, now);
        log.add(event);
        lastId = event.eventId();
        sink.emitNext(event, Sinks.EmitFailureHandler.FAIL_FAST);
        return event;
    }

    /** The id of the latest event; {@code ""} before the first. */
    String lastId() {
        return lastId;
    }

    /** Every event with an id above {@code id} (ids compare as text), those recorded so far then the new ones. */
    Flux<JournalEvent> after(String id) {
        return sink.asFlux().filter(event -> event.eventId().compareTo(id) > 0);
    }

    /** Every event so far, oldest first. */
    public synchronized List<JournalEvent> all() {
        return List.copyOf(log);
    }
}
