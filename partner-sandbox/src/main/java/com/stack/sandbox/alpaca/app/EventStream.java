package com.stack.sandbox.alpaca.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.stack.sandbox.faults.app.Faults;
import com.stack.sandbox.faults.domain.DeliveryFault;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One connection to one of Alpaca's event streams (journal statuses, trades): the events after {@code since_id} (every event
 * recorded since, then live) or, without it, live ones only; up to {@code until_id} when given; a
 * heartbeat comment on connecting and every {@code heartbeat-interval}. Delivery faults of partner
 * {@value #PARTNER} act per connection and event ({@code delivery}: the stream's delivery name or "*"):
 * {@code duplicate} sends the event twice, {@code drop} leaves it out of this connection and sends the
 * {@link #DROPPED} comment instead (the event stays in the log: a reconnection with {@code since_id}
 * gets it), {@code reorder} holds it back until after the next event (or at the latest the next heartbeat).
 */
public class EventStream<E> {

    /** Alpaca's name in the fault API. */
    public static final String PARTNER = "alpaca";

    public static final String HEARTBEAT = "heartbeat";
    /** What Alpaca says when a stream skipped messages: the consumer must resume from the last id it got. */
    public static final String DROPPED = " messages were dropped, resume from your last event_id";

    private static final Object TICK = new Object();
    private static final Object END = new Object();

    private final EventLog<E> events;
    private final Faults faults;
    private final Duration heartbeat;
    private final String delivery;

    /** @param delivery the delivery name of the stream's events in the fault API */
    protected EventStream(EventLog<E> events, Faults faults, Duration heartbeat, String delivery) {
        this.events = events;
        this.faults = faults;
        this.heartbeat = heartbeat;
        this.delivery = delivery;
    }

    /** What a connection sends: an event, or a comment line. */
    public sealed interface Message permits Event, Comment {}

    /** @param event the event, written as JSON */
    public record Event(Object event) implements Message {}

    /** @param text the comment after the ':' */
    public record Comment(String text) implements Message {}

    /**
     * The messages of one connection; never completes unless {@code untilId} is given (then after the
     * event with that id, or the first one past it).
     *
     * @param sinceId a ULID, or {@code null} for live events only
     * @param untilId a ULID, or {@code null} for no end
     */
    public Flux<Message> messages(String sinceId, String untilId) {
        return Flux.defer(() -> {
            Flux<E> selected = events.after(sinceId != null ? sinceId : events.lastId());
            if (untilId != null) {
                selected = selected.takeWhile(event -> events.idOf(event).compareTo(untilId) <= 0)
                        .takeUntil(event -> events.idOf(event).equals(untilId));
            }
            Flux<Object> ticks =
                    Flux.interval(Duration.ZERO, heartbeat).onBackpressureDrop().map(tick -> TICK);
            Connection connection = new Connection();
            return Flux.merge(selected.cast(Object.class).concatWith(Mono.just(END)), ticks)
                    .takeUntil(item -> item == END)
                    .concatMapIterable(connection::send);
        });
    }

    /** The state of one connection: the event a reorder holds back. Used serially (after merge). */
    private final class Connection {

        private Object held;

        List<Message> send(Object item) {
            List<Message> out = new ArrayList<>(3);
            if (item == TICK || item == END) {
                release(out);
                if (item == TICK) {
                    out.add(new Comment(HEARTBEAT));
                }
                return out;
            }
            Object event = item;
            DeliveryFault.Kind fault = faults.claimForDelivery(PARTNER, delivery)
                    .map(DeliveryFault::kind)
                    .orElse(null);
            if (fault == null) {
                out.add(new Event(event));
            } else {
                switch (fault) {
                    case DROP -> out.add(new Comment(DROPPED));
                    case DUPLICATE -> {
                        out.add(new Event(event));
                        out.add(new Event(event));
                    }
                    case REORDER -> {
                        if (held == null) {
                            held = event;
                            return out;
                        }
                        out.add(new Event(event));
                    }
                }
            }
            release(out);
            return out;
        }

        private void release(List<Message> out) {
            if (held != null) {
                out.add(new Event(held));
                held = null;
            }
        }
    }
}
