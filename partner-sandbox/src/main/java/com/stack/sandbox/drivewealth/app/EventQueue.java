package com.stack.sandbox.drivewealth.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.stack.sandbox.drivewealth.domain.Event;
import com.stack.sandbox.faults.app.Faults;
import com.stack.sandbox.faults.domain.DeliveryFault;
import com.stack.sandbox.partners.BackgroundTasks;
import com.stack.sandbox.partners.SandboxIds;
import com.stack.sandbox.sqs.app.Queues;
import com.stack.sandbox.sqs.domain.QueueSettings;
import com.stack.sandbox.sqs.domain.StandardQueue;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * One of DriveWealth's event queues, an SQS standard queue (created with it): one message
 * per status change, its body the event envelope as JSON. The queue adds what SQS does (redelivery
 * after a visibility timeout, no order); delivery faults add the rest, asked once per event:
 * {@code duplicate} sends a second copy (same message id, same body, so the same envelope id),
 * {@code drop} never sends it, {@code reorder} holds it back until the next event was sent (or, when
 * none comes, for {@code reorder-max-hold}). Every event is recorded with what became of it.
 */
public class EventQueue {

    public static final String PARTNER = "drivewealth";

    private final Queue<Published> published = new ConcurrentLinkedQueue<>();
    /** Events a reorder fault holds back, oldest first; guarded by {@code this}. */
    private final List<Published> held = new ArrayList<>();

    private final Queues queues;
    private final StandardQueue queue;
    private final Faults faults;
    private final BackgroundTasks background;
    private final Duration reorderMaxHold;
    private final JsonMapper json;
    private final Clock clock;

    /** Creates the queue named {@code queueName}. */
    EventQueue(
            String queueName,
            Queues queues,
            Faults faults,
            BackgroundTasks background,
            Duration reorderMaxHold,
            JsonMapper json,
            Clock clock) {
        this.queues = queues;
        this.queue = queues.create(queueName, QueueSettings.DEFAULTS);
        this.faults = faults;
        this.background = background;
        this.reorderMaxHold = reorderMaxHold;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Sends the event {@code {id, type, timestamp, payload}} to the queue, subject to delivery faults of its type.
     *
     * @param objectId  what the event is about (a deposit's, an order's id), for the control API's listing
     * @param accountNo the account it is about, for the listing
     * @param status    the object's status after the event, for the listing
     */
    public synchronized void publish(String type, String objectId, String accountNo, String status, Object payload) {
        Event event = new Event(SandboxIds.uuid().toString(), type, now().toString(), payload);
        Optional<DeliveryFault.Kind> fault =
                faults.claimForDelivery(PARTNER, event.type()).map(DeliveryFault::kind);
        Published record = new Published(
                event,
                json.writeValueAsString(event),
                SandboxIds.uuid().toString(),
                fault.orElse(null),
                objectId,
                accountNo,
                status);
        published.add(record);
        if (fault.orElse(null) == DeliveryFault.Kind.DROP) {
            record.state = State.DROPPED;
            return;
        }
        if (fault.orElse(null) == DeliveryFault.Kind.REORDER) {
            record.state = State.HELD;
            held.add(record);
            background.submit(Mono.delay(reorderMaxHold).then(Mono.fromRunnable(() -> release(record))));
            return;
        }
        send(record, fault.orElse(null) == DeliveryFault.Kind.DUPLICATE ? 2 : 1);
        held.forEach(earlier -> send(earlier, 1));
        held.clear();
    }

    /** Every event so far, oldest first, with what became of its messages. */
    public List<EventView> events() {
        return published.stream().map(this::view).toList();
    }

    /** The queue the events go to. */
    public StandardQueue queue() {
        return queue;
    }

    /** Sends a message that is not an event (anything a test wants a consumer to cope with), without faults. */
    public StandardQueue.Sent sendRaw(String body) {
        return queues.send(queue, body, Map.of(), null, Queues.ACCOUNT_ID);
    }

    private synchronized void release(Published record) {
        if (held.remove(record)) {
            send(record, 1);
        }
    }

    private void send(Published record, int copies) {
        for (int copy = 0; copy < copies; copy++) {
            queues.send(queue, record.messageId, record.body, Map.of(), null, Queues.ACCOUNT_ID);
        }
        record.sentAt = now();
        record.state = State.SENT;
    }

    private EventView view(Published record) {
        Optional<StandardQueue.MessageHistory> history = queues.history(queue, record.messageId);
        return new EventView(
                record.event.id(),
                record.event.type(),
                record.objectId,
                record.accountNo,
                record.status,
                record.state.wireName(),
                record.fault == null ? null : record.fault.wireName(),
                record.state == State.SENT ? record.messageId : null,
                record.sentAt,
                history.map(StandardQueue.MessageHistory::copies).orElse(0),
                history.map(StandardQueue.MessageHistory::receives).orElse(0),
                history.map(StandardQueue.MessageHistory::deleted).orElse(0),
                record.event);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    enum State {
        HELD,
        DROPPED,
        SENT;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One event and what became of it; the mutable parts change under the lock of {@link EventQueue}. */
    private static final class Published {

        final Event event;
        final String body;
        final String messageId;
        final DeliveryFault.Kind fault;
        final String objectId;
        final String accountNo;
        final String status;
        volatile State state;
        volatile Instant sentAt;

        Published(
                Event event,
                String body,
                String messageId,
                DeliveryFault.Kind fault,
                String objectId,
                String accountNo,
                String status) {
            this.event = event;
            this.body = body;
            this.messageId = messageId;
            this.fault = fault;
            this.objectId = objectId;
            this.accountNo = accountNo;
            this.status = status;
        }
    }

    /**
     * An event as the control API lists it.
     *
     * @param state    "sent", "held" (by a reorder fault, not sent yet) or "dropped" (by a drop fault)
     * @param fault    the delivery fault that hit it: "duplicate", "drop" or "reorder"
     * @param messageId the SQS message id of its copies, once sent
     * @param copies   copies sent (2 when duplicated)
     * @param receives how often its copies were received in all
     * @param deleted  how many of its copies were deleted by a consumer
     * @param event    the envelope, as in the message body
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventView(
            String id,
            String type,
            String objectId,
            String accountNo,
            String status,
            String state,
            String fault,
            String messageId,
            Instant sentAt,
            int copies,
            int receives,
            int deleted,
            Event event) {}
}
