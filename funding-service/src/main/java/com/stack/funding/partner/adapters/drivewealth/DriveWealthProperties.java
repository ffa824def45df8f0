package com.stack.funding.partner.adapters.drivewealth;

import com.stack.defaults.partners.drivewealth.DriveWealthConnection;
import com.stack.defaults.partners.drivewealth.DriveWealthEventQueueSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stack.drivewealth.*} in funding-service besides the API's ({@link DriveWealthConnection}): the SQS queue of
 * DriveWealth's events subscription ({@code events}, queue {@value #EVENT_QUEUE} unless set); production sets it
 * through the environment ({@code STACK_DRIVEWEALTH_EVENTS_*}).
 *
 * @param events the SQS queue DriveWealth delivers its events to (off: the reconciler still reads back)
 */
@ConfigurationProperties("stack.drivewealth")
public record DriveWealthProperties(@DefaultValue DriveWealthEventQueueSettings events) {

    public static final String EVENT_QUEUE = "drivewealth-events";

    public DriveWealthProperties {
        events = events.withQueueName(EVENT_QUEUE);
    }
}
