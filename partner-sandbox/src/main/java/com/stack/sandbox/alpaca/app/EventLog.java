package com.stack.sandbox.alpaca.app;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.stack.sandbox.alpaca.domain.Ulids;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * One of Alpaca's event logs: every event since startup, in the order it happened, each under a new
 * ULID. Held in a replay sink: a subscriber gets the events after an id (from the log, then live, with
 * no gap and no repeat between the two) without blocking anyone; a slow subscriber only falls behind
 * on its own. Appending is serialised (a short lock: an id and one emission), so ids and emission order agree.
 *
 * @param <E> the event, which carries its id
 */
public class EventLog<E> {

    private final Sinks.Many<E> sink = Sinks.many().replay().all();
    /** The same events, for the control API; guarded by {@code this}. */
    private final List<E> log = new ArrayList<>();

    private final Function<E, String> idOf;
    private final Ulids ulids;
    private final Clock clock;
    private volatile String lastId = "";

    protected EventLog(Clock clock, Function<E, String> idOf) {
        this.clock = clock;
        this.idOf = idOf;
        // SplittableRandom seeds itself without reading the OS entropy pool: safe on an event loop
        this.ulids = new Ulids(clock::millis, new SplittableRandom());
    }

    /** Records the event {@code make} builds from its new id and the time, now. */
    protected synchronized E append(BiFunction<String, Instant, E> make) {
        E event = make.apply(ulids.next(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        log.add(event);
        lastId = idOf.apply(event);
        sink.emitNext(event, Sinks.EmitFailureHandler.FAIL_FAST);
        return event;
    }

    /** The id of the latest event; {@code ""} before the first. */
    String lastId() {
        return lastId;
    }

    String idOf(E event) {
        return idOf.apply(event);
    }

    /** Every event with an id above {@code id} (ids compare as text), those recorded so far then the new ones. */
    Flux<E> after(String id) {
        return sink.asFlux().filter(event -> idOf.apply(event).compareTo(id) > 0);
    }

    /** Every event so far, oldest first. */
    public synchronized List<E> all() {
        return List.copyOf(log);
    }
}
