package com.stack.sandbox.drivewealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.stack.sandbox.sqs.SqsClients;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * DriveWealth's events consumed the way funding-service consumes them: {@code SqsAsyncClient} long
 * polling the {@code drivewealth-events} queue. Messages of other tests' deposits may be on the queue:
 * each test picks its own by the deposit's id and deletes whatever else it receives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriveWealthEventsTest extends DriveWealthIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SqsAsyncClient sqs;
    private String queueUrl;

    @BeforeAll
    void client() throws Exception {
        sqs = SqsClients.sandbox(baseUrl());
        queueUrl = sqs.getQueueUrl(b -> b.queueName("drivewealth-events"))
                .get(30, TimeUnit.SECONDS)
                .queueUrl();
    }

    @AfterAll
    void close() {
        sqs.close();
    }

    @Test
    void theEventsQueueExistsAtStartup() {
        assertThat(queueUrl).isEqualTo(baseUrl() + "/sqs/000000000000/drivewealth-events");
    }

    @Test
    void aLongPollReturnsTheEventAsSoonAsTheDepositSettles() throws Exception {
        drain();
        String accountNo = (String) openAccount().get("accountNo");
        long start = System.nanoTime();
        CompletableFuture<ReceiveMessageResponse> waiting = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                .waitTimeSeconds(20)
                .maxNumberOfMessages(10)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL));
        String id = (String) created("deposits", funding(accountNo, "125.00")).get("id");

        List<Message> received =
                new ArrayList<>(waiting.get(30, TimeUnit.SECONDS).messages());
        // a straggler of another test may have come first: keep polling for ours
        while (about(received, id).isEmpty()
                && Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20) {
            deleteAll(received);
            received = new ArrayList<>(receive(20));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        Message message = about(received, id).get(0);
        assertThat(message.attributes())
                .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")
                .containsKey(MessageSystemAttributeName.SENT_TIMESTAMP);

        Map<String, Object> envelope = envelope(message);
        assertThat(envelope).containsEntry("type", "deposits.updated").containsKeys("id", "timestamp");
        assertThat(Instant.parse((String) envelope.get("timestamp"))).isNotNull();
        Map<String, Object> payload = object(envelope, "payload");
        assertThat(payload)
                .containsEntry("id", id)
                .containsEntry("accountNo", accountNo)
                .containsEntry("amount", "125.00")
                .containsEntry("currency", "USD");
        assertThat(object(payload, "status"))
                .containsEntry("id", 2)
                .containsEntry("message", "SUCCESSFUL")
                .containsKey("updated");

        deleteAll(received);
        assertThat(eventsAbout(id))
                .singleElement()
                .satisfies(event -> assertThat(event)
                        .containsEntry("id", envelope.get("id"))
                        .containsEntry("messageId", message.messageId())
                        .containsEntry("receives", 1)
                        .containsEntry("deleted", 1));
    }

    @Test
    void aDuplicateFaultDeliversTheEventTwiceWithTheSameEnvelopeId() {
        drain();
        String accountNo = (String) openAccount().get("accountNo");
        deliveryFault("deposits.updated", "duplicate");
        String id = (String) created("deposits", funding(accountNo, "9.99")).get("id");

        List<Message> ours = new ArrayList<>();
        Awaitility.await().atMost(SETTLED).pollInterval(Duration.ZERO).until(() -> {
            List<Message> received = receive(2);
            ours.addAll(about(received, id));
            deleteAll(received);
            return ours.size() >= 2;
        });
        assertThat(ours).hasSize(2);
        assertThat(envelope(ours.get(1)).get("id"))
                .isEqualTo(envelope(ours.get(0)).get("id"));
        assertThat(ours.get(1).body()).isEqualTo(ours.get(0).body());
        assertThat(ours.get(1).receiptHandle()).isNotEqualTo(ours.get(0).receiptHandle());
        assertThat(eventsAbout(id))
                .singleElement()
                .satisfies(event -> assertThat(event)
                        .containsEntry("fault", "duplicate")
                        .containsEntry("copies", 2)
                        .containsEntry("deleted", 2));
    }

    @Test
    void anUndeletedEventIsDeliveredAgainAfterTheVisibilityTimeout() {
        drain();
        String accountNo = (String) openAccount().get("accountNo");
        String id = (String) created("deposits", funding(accountNo, "3.00")).get("id");

        Message first = awaitOne(id, 1);
        Message again = awaitOne(id, 10);
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(again.receiptHandle()))
                .join();
        assertThat(eventsAbout(id).get(0)).containsEntry("receives", 2).containsEntry("deleted", 1);
    }

    @Test
    void aRawMessageFromTheControlApiIsDeliveredAsItIs() {
        drain();
        String id = (String) control()
                .post()
                .uri("/drivewealth/events/raw")
                .header("Content-Type", "text/plain")
                .bodyValue("not an event")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("messageId");
        List<Message> ours = new ArrayList<>();
        Awaitility.await().atMost(SETTLED).pollInterval(Duration.ZERO).until(() -> {
            List<Message> received = receive(2);
            received.stream().filter(message -> message.messageId().equals(id)).forEach(ours::add);
            deleteAll(received);
            return !ours.isEmpty();
        });
        assertThat(ours.get(0).body()).isEqualTo("not an event");
    }

    // --- helpers ---

    /** Long-polls until the deposit's event arrives, received with this visibility timeout; deletes the others. */
    private Message awaitOne(String depositId, int visibilityTimeout) {
        List<Message> ours = new ArrayList<>();
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ZERO)
                .until(() -> {
                    List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                                    .waitTimeSeconds(5)
                                    .maxNumberOfMessages(10)
                                    .visibilityTimeout(visibilityTimeout)
                                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                            .get(30, TimeUnit.SECONDS)
                            .messages();
                    ours.addAll(about(received, depositId));
                    deleteAll(received.stream()
                            .filter(message ->
                                    about(List.of(message), depositId).isEmpty())
                            .toList());
                    return !ours.isEmpty();
                });
        return ours.get(0);
    }

    private List<Message> receive(int waitSeconds) throws Exception {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                        .waitTimeSeconds(waitSeconds)
                        .maxNumberOfMessages(10)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .get(30, TimeUnit.SECONDS)
                .messages();
    }

    /** Deletes what the queue holds now, so that a test sees little else than its own events. */
    private void drain() {
        sqs.purgeQueue(b -> b.queueUrl(queueUrl)).join();
    }

    private void deleteAll(List<Message> messages) {
        for (Message message : messages) {
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()))
                    .join();
        }
    }

    /** The messages whose event is about the deposit (or redemption) {@code id}. */
    private static List<Message> about(List<Message> messages, String id) {
        return messages.stream()
                .filter(message -> {
                    try {
                        return id.equals(object(envelope(message), "payload").get("id"));
                    } catch (RuntimeException notAnEvent) {
                        return false;
                    }
                })
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> envelope(Message message) {
        return JSON.readValue(message.body(), Map.class);
    }
}
