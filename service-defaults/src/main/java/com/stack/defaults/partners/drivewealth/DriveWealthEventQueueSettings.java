package com.stack.defaults.partners.drivewealth;

import java.net.URI;
import java.time.Duration;

import com.stack.defaults.partners.sqs.SqsQueueConsumer;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SQS queue of one of DriveWealth's event subscriptions, as a service consumes it ({@code stack.drivewealth.<its
 * queue>.*}, nested in the service's own record). The defaults point at the partner sandbox's SQS; the queue's name
 * has none here: each service's record gives its queue's ({@link #withQueueName}).
 *
 * @param enabled           consume the queue (off: events are not read; what the service reads back still is)
 * @param endpoint          the SQS endpoint; empty means AWS's own for the region
 * @param region            the queue's AWS region
 * @param queueName         the queue's name, resolved to its URL at start
 * @param accessKeyId       AWS credentials of the consumer (production: from the pod's role instead)
 * @param secretAccessKey   AWS credentials of the consumer
 * @param pollers           concurrent long polls
 * @param waitTime          a long poll's wait (at most 20s)
 * @param visibilityTimeout how long a received message stays invisible before SQS delivers it again
 * @param errorBackoff      wait after a failed poll
 */
public record DriveWealthEventQueueSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("http://127.0.0.1:8090/sqs") URI endpoint,
        @DefaultValue("us-east-1") String region,
        String queueName,
        @DefaultValue("local") String accessKeyId,
        @DefaultValue("local") String secretAccessKey,
        @DefaultValue("2") int pollers,
        @DefaultValue("10s") Duration waitTime,
        @DefaultValue("30s") Duration visibilityTimeout,
        @DefaultValue("1s") Duration errorBackoff) {

    /** These settings with {@code defaultName} as the queue's name unless one was set. */
    public DriveWealthEventQueueSettings withQueueName(String defaultName) {
        return queueName != null
                ? this
                : new DriveWealthEventQueueSettings(
                        enabled,
                        endpoint,
                        region,
                        defaultName,
                        accessKeyId,
                        secretAccessKey,
                        pollers,
                        waitTime,
                        visibilityTimeout,
                        errorBackoff);
    }

    public SqsQueueConsumer.Settings queue() {
        return new SqsQueueConsumer.Settings(
                endpoint,
                region,
                queueName,
                accessKeyId,
                secretAccessKey,
                pollers,
                waitTime,
                visibilityTimeout,
                errorBackoff);
    }
}
