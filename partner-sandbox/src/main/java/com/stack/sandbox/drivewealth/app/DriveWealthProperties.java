package com.stack.sandbox.drivewealth.app;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * DriveWealth in the sandbox ({@code stack.sandbox.drivewealth.*}). The credentials are the local
 * defaults the funding service is configured with; they protect nothing.
 *
 * @param appKey          what callers send as {@code dw-client-app-key} on every request
 * @param clientId        the client id ("clientID") the token endpoint accepts
 * @param clientSecret    the {@code clientSecret} the token endpoint accepts
 * @param tokenLifetime   how long an access token is accepted ({@code expires_in})
 * @param settleDelay     how long a deposit or redemption stays PENDING (and, with the processing step,
 *                        PROCESSING) before it settles
 * @param processingStep  pass through PROCESSING (17), with its own event, before settling
 * @param eventsQueue     the SQS queue (under {@code /sqs}) the events are sent to, created at startup
 * @param reorderMaxHold  how long a {@code reorder} delivery fault holds an event back at most when no
 *                        other event comes after it
 * @param orderEventsQueue the SQS queue order events ({@code orders.updated}, {@code orders.completed}) are
 *                        sent to, created at startup: apart from {@code eventsQueue}, whose consumer must not get them
 */
@ConfigurationProperties("stack.sandbox.drivewealth")
public record DriveWealthProperties(
        @DefaultValue("dw_local_app_key") String appKey,
        @DefaultValue("stack-local") String clientId,
        @DefaultValue("dw_local_secret_change_me") String clientSecret,
        @DefaultValue("1h") Duration tokenLifetime,
        @DefaultValue("500ms") Duration settleDelay,
        @DefaultValue("false") boolean processingStep,
        @DefaultValue("drivewealth-events") String eventsQueue,
        @DefaultValue("10s") Duration reorderMaxHold,
        @DefaultValue("drivewealth-order-events") String orderEventsQueue) {

    public DriveWealthProperties {
        require(appKey, "app-key");
        require(clientId, "client-id");
        require(clientSecret, "client-secret");
        require(eventsQueue, "events-queue");
        require(orderEventsQueue, "order-events-queue");
        if (eventsQueue.equals(orderEventsQueue)) {
            throw new IllegalArgumentException(
                    "stack.sandbox.drivewealth.order-events-queue must differ from events-queue");
        }
        if (tokenLifetime == null || tokenLifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("stack.sandbox.drivewealth.token-lifetime must be at least 1s");
        }
        if (settleDelay == null || settleDelay.isNegative()) {
            throw new IllegalArgumentException("stack.sandbox.drivewealth.settle-delay must not be negative");
        }
        if (reorderMaxHold == null || reorderMaxHold.isNegative()) {
            throw new IllegalArgumentException("stack.sandbox.drivewealth.reorder-max-hold must not be negative");
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("stack.sandbox.drivewealth." + name + " must not be blank");
        }
    }
}
