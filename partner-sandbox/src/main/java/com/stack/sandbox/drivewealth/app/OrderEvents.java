package com.stack.sandbox.drivewealth.app;

import java.time.Clock;
import java.util.List;

import com.stack.sandbox.drivewealth.domain.DriveWealthOrder;
import com.stack.sandbox.faults.app.Faults;
import com.stack.sandbox.market.domain.OrderUpdate;
import com.stack.sandbox.partners.BackgroundTasks;
import com.stack.sandbox.sqs.app.Queues;
import com.stack.sandbox.sqs.domain.StandardQueue;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * DriveWealth's order events on their own queue ({@code order-events-queue}), never on the funding
 * events' queue: {@value #UPDATED} when an order is accepted (NEW) or partly filled, {@value #COMPLETED}
 * when it is FILLED, CANCELED, REJECTED or EXPIRED; the payload is the order, with {@code lastExecuted}
 * for a fill. Delivery faults as for every DriveWealth event ({@link EventQueue}).
 */
@Service
public class OrderEvents {

    public static final String UPDATED = "orders.updated";
    public static final String COMPLETED = "orders.completed";

    private final EventQueue queue;

    public OrderEvents(
            Queues queues,
            Faults faults,
            BackgroundTasks background,
            DriveWealthProperties properties,
            JsonMapper json) {
        this.queue = new EventQueue(
                properties.orderEventsQueue(),
                queues,
                faults,
                background,
                properties.reorderMaxHold(),
                json,
                Clock.systemUTC());
    }

    public void publish(OrderUpdate update) {
        DriveWealthOrder order = DriveWealthOrder.of(update.order(), update.execution());
        queue.publish(order.isFinal() ? COMPLETED : UPDATED, order.id(), order.accountNo(), order.status(), order);
    }

    public List<EventQueue.EventView> events() {
        return queue.events();
    }

    public StandardQueue queue() {
        return queue.queue();
    }
}
