package com.stack.sandbox.drivewealth.app;

import java.time.Clock;
import java.util.List;

import com.stack.sandbox.drivewealth.domain.Event;
import com.stack.sandbox.drivewealth.domain.Funding;
import com.stack.sandbox.faults.app.Faults;
import com.stack.sandbox.partners.BackgroundTasks;
import com.stack.sandbox.sqs.app.Queues;
import com.stack.sandbox.sqs.domain.StandardQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * DriveWealth's funding events ({@code deposits.updated}, {@code redemptions.updated}) on the
 * {@code events-queue}, one per status change, with the delivery faults of {@link EventQueue}.
 */
@Service
public class FundingEvents {

    private final EventQueue queue;

    @Autowired
    public FundingEvents(
            Queues queues,
            Faults faults,
            BackgroundTasks background,
            DriveWealthProperties properties,
            JsonMapper json) {
        this(queues, faults, background, properties, json, Clock.systemUTC());
    }

    FundingEvents(
            Queues queues,
            Faults faults,
            BackgroundTasks background,
            DriveWealthProperties properties,
            JsonMapper json,
            Clock clock) {
        this.queue = new EventQueue(
                properties.eventsQueue(), queues, faults, background, properties.reorderMaxHold(), json, clock);
    }

    /** Announces the deposit's or redemption's current status on the queue, subject to delivery faults. */
    public void publish(Funding funding) {
        queue.publish(
                funding.kind().eventType(),
                funding.id(),
                funding.accountNo(),
                funding.status().name(),
                Event.Payload.of(funding));
    }

    /** Every event so far, oldest first, with what became of its messages. */
    public List<EventQueue.EventView> events() {
        return queue.events();
    }

    /** The queue the events go to. */
    public StandardQueue queue() {
        return queue.queue();
    }

    /** Sends a message that is not an event (anything a test wants a consumer to cope with), without faults. */
    public StandardQueue.Sent sendRaw(String body) {
        return queue.sendRaw(body);
    }
}
