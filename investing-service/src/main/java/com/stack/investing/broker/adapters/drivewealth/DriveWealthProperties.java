package com.stack.investing.broker.adapters.drivewealth;

import com.stack.defaults.partners.drivewealth.DriveWealthConnection;
import com.stack.defaults.partners.drivewealth.DriveWealthEventQueueSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stack.drivewealth.*} in investing-service besides the API's ({@link DriveWealthConnection}, the same
 * {@code STACK_DRIVEWEALTH_*} values as funding's): the SQS queue of DriveWealth's order events
 * ({@code order-events}, queue {@value #ORDER_EVENT_QUEUE} unless set), which is not the queue of its funding events.
 *
 * @param orderEvents the SQS queue DriveWealth delivers its {@code orders.*} events to (off: order outcomes are only
 *                    read back by status reads)
 */
@ConfigurationProperties("stack.drivewealth")
public record DriveWealthProperties(@DefaultValue DriveWealthEventQueueSettings orderEvents) {

    public static final String ORDER_EVENT_QUEUE = "drivewealth-order-events";

    public DriveWealthProperties {
        orderEvents = orderEvents.withQueueName(ORDER_EVENT_QUEUE);
    }
}
