package com.stack.investing.adapters.drivewealth;

import java.net.URI;
import java.time.Duration;

import com.stack.defaults.partners.sqs.SqsQueueConsumer;
import com.stack.defaults.resilience.PartnerResilience;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stack.drivewealth.*} in investing-service: the same back-office API, credentials and names as funding's
 * (one set of {@code STACK_DRIVEWEALTH_*} values for both), plus the SQS queue of DriveWealth's order events
 * ({@code order-events}), which is not the queue of its funding events. The defaults point at the partner
 * sandbox ({@code ./stack up}).
 *
 * @param baseUrl            the back-office API, including {@code /back-office}
 * @param appKey             sent as {@code dw-client-app-key} on every call
 * @param clientId           {@code POST /auth/tokens} credentials
 * @param clientSecret       {@code POST /auth/tokens} credentials
 * @param tokenRefreshMargin how long before its expiry a token is replaced
 * @param resilience         timeout, retries and circuit breaker around every call
 * @param orderEvents        the SQS queue DriveWealth delivers its {@code orders.*} events to
 */
@ConfigurationProperties("stack.drivewealth")
public record DriveWealthProperties(
        @DefaultValue("http://127.0.0.1:8090/drivewealth/back-office") URI baseUrl,
        @DefaultValue("dw_local_app_key") String appKey,
        @DefaultValue("stack-local") String clientId,
        @DefaultValue("dw_local_secret_change_me") String clientSecret,
        @DefaultValue("60s") Duration tokenRefreshMargin,
        @DefaultValue PartnerResilience.Settings resilience,
        @DefaultValue OrderEvents orderEvents) {

    /**
     * @param enabled           consume the queue (off: order outcomes are only read back by status reads)
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
    public record OrderEvents(@DefaultValue("true") boolean enabled,
            @DefaultValue("http://127.0.0.1:8090/sqs") URI endpoint,
            @DefaultValue("us-east-1") String region,
            @DefaultValue("drivewealth-order-events") String queueName,
            @DefaultValue("local") String accessKeyId,
            @DefaultValue("local") String secretAccessKey,
            @DefaultValue("2") int pollers,
            @DefaultValue("10s") Duration waitTime,
            @DefaultValue("30s") Duration visibilityTimeout,
            @DefaultValue("1s") Duration errorBackoff) {

        public SqsQueueConsumer.Settings queue() {
            return new SqsQueueConsumer.Settings(endpoint, region, queueName, accessKeyId, secretAccessKey, pollers,
                    waitTime, visibilityTimeout, errorBackoff);
        }
    }
}
