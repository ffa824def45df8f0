package com.stack.investing.broker.adapters.drivewealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.stack.defaults.partners.drivewealth.DriveWealthEventQueueSettings;
import com.stack.investing.broker.app.ExecutionReport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** The order event queue against the partner sandbox's SQS emulator: a queue of the test's own, fed by the test. */
class DriveWealthOrderQueueTest {

    static final BrokerSandbox SANDBOX = BrokerSandbox.shared();

    final String queueName = "order-events-" + UUID.randomUUID();
    final RecordingReports reports = new RecordingReports();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    SqsAsyncClient sqs;
    String queueUrl;
    DriveWealthOrderQueue queue;

    @BeforeEach
    void createQueue() {
        sqs = SqsAsyncClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(URI.create(SANDBOX.url("/sqs")))
                .build();
        queueUrl = sqs.createQueue(
                        CreateQueueRequest.builder().queueName(queueName).build())
                .join()
                .queueUrl();
        queue = new DriveWealthOrderQueue(
                BrokerSandbox.properties(
                                "stack.drivewealth",
                                DriveWealthProperties.class,
                                Map.of(
                                        "stack.drivewealth.order-events.endpoint",
                                        SANDBOX.url("/sqs"),
                                        "stack.drivewealth.order-events.queue-name",
                                        queueName,
                                        "stack.drivewealth.order-events.wait-time",
                                        "2s",
                                        "stack.drivewealth.order-events.visibility-timeout",
                                        "1s"))
                        .orderEvents(),
                reports,
                meters);
    }

    @AfterEach
    void close() {
        queue.close();
        sqs.close();
    }

    @Test
    void theOrderEventQueueIsDriveWealthsOrderEventsUnlessNamedAndTheRestIsTheSandboxsByDefault() {
        DriveWealthEventQueueSettings defaults = BrokerSandbox.properties(
                        "stack.drivewealth", DriveWealthProperties.class, Map.of())
                .orderEvents();
        assertThat(defaults.queueName()).isEqualTo("drivewealth-order-events");
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.queue().endpoint()).isEqualTo(URI.create("http://127.0.0.1:8090/sqs"));
        assertThat(defaults.queue().waitTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(BrokerSandbox.properties(
                                "stack.drivewealth",
                                DriveWealthProperties.class,
                                Map.of(
                                        "stack.drivewealth.order-events.queue-name", "orders-elsewhere",
                                        "stack.drivewealth.order-events.enabled", "false"))
                        .orderEvents())
                .extracting(DriveWealthEventQueueSettings::queueName, DriveWealthEventQueueSettings::enabled)
                .containsExactly("orders-elsewhere", false);
    }

    @Test
    void aFilledOrderEventBecomesAFilledReportWithCumulativeQuantityAndAveragePrice() {
        UUID order = UUID.randomUUID();
        send(event("evt-1", "orders.completed", order, "FILLED", "0.533617", "187.41"));

        assertThat(queue.poll().block(BrokerSandbox.TIMEOUT)).isEqualTo(1);

        assertThat(reports.applied()).singleElement().satisfies(report -> {
            assertThat(report.eventId()).isEqualTo("evt-1");
            assertThat(report.clientOrderId()).isEqualTo(order);
            assertThat(report.brokerOrderId()).isEqualTo("DW-" + order);
            assertThat(report.state()).isEqualTo(ExecutionReport.State.FILLED);
            assertThat(report.cumulativeQuantity()).isEqualByComparingTo("0.533617");
            assertThat(report.averagePrice()).isEqualByComparingTo("187.41");
        });
        assertThat(messages()).isZero();
        assertThat(meters.counter("investing.broker.events", "partner", "drivewealth", "outcome", "applied")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aMessageStaysOnTheQueueUntilItsReportIsAppliedAndIsDeletedAfter() throws InterruptedException {
        UUID order = UUID.randomUUID();
        send(event("evt-2", "orders.updated", order, "PARTIAL_FILL", "2", "10.00"));
        reports.failNext(1);

        queue.poll().block(BrokerSandbox.TIMEOUT);

        assertThat(reports.applied()).isEmpty();
        assertThat(messages()).as("not applied: still on the queue").isEqualTo(1);

        // delivered again once the visibility timeout (1 s) passed; the long poll waits for it
        Thread.sleep(1100);
        queue.poll().block(BrokerSandbox.TIMEOUT);

        assertThat(reports.attempts()).isEqualTo(2);
        assertThat(reports.applied())
                .singleElement()
                .satisfies(report -> assertThat(report.state()).isEqualTo(ExecutionReport.State.PARTIALLY_FILLED));
        assertThat(messages()).isZero();
    }

    @Test
    void anUnreadableMessageIsCountedAndDeletedWithoutApplyingAnything() {
        send("{not json");
        send(event("evt-3", "orders.completed", null, "FILLED", "1", "5.00").replace("\"clientOrderID\":null,", ""));

        queue.poll().block(BrokerSandbox.TIMEOUT);
        if (messages() > 0) {
            queue.poll().block(BrokerSandbox.TIMEOUT);
        }

        assertThat(reports.attempts()).isZero();
        assertThat(messages()).isZero();
        assertThat(meters.counter("investing.broker.events", "partner", "drivewealth", "outcome", "malformed")
                        .count())
                .isEqualTo(2);
    }

    static String event(String id, String type, UUID order, String status, String cumQty, String averagePrice) {
        return """
                {"id":"%s","type":"%s","timestamp":"2026-01-05T15:00:00Z","payload":{"id":"DW-%s","orderNo":"ABCD0001",\
                "clientOrderID":%s,"accountNo":"DWAA000001","symbol":"AAPL","side":"BUY","orderType":"MARKET",\
                "status":"%s","cumQty":%s,"averagePrice":%s,"amountCash":100.00,"statusMessage":null,\
                "created":"2026-01-05T14:59:59Z","updated":"2026-01-05T15:00:00Z"}}""".formatted(
                        id, type, order, order == null ? "null" : "\"" + order + "\"", status, cumQty, averagePrice);
    }

    void send(String body) {
        sqs.sendMessage(SendMessageRequest.builder()
                        .queueUrl(queueUrl)
                        .messageBody(body)
                        .build())
                .join();
    }

    /** Messages on the queue, visible or received and not yet deleted. */
    int messages() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(GetQueueAttributesRequest.builder()
                        .queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.ALL)
                        .build())
                .join()
                .attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
