package com.stack.sandbox.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import com.stack.sandbox.SandboxIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The SQS emulation driven by the real AWS SDK v2 {@code SqsAsyncClient}: if the protocol (targets,
 * JSON shapes, errors, MD5 digests) were wrong, the SDK would refuse the answers. Each test uses a
 * queue of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqsQueueTest extends SandboxIntegrationTest {

    private SqsAsyncClient sqs;

    @BeforeAll
    void client() {
        sqs = SqsClients.sandbox(baseUrl());
    }

    @AfterAll
    void close() {
        sqs.close();
    }

    @Test
    void createQueueAndGetQueueUrlNameTheQueueAndAnUnknownOneDoesNotExist() {
        String name = queueName();
        String url = call(sqs.createQueue(b -> b.queueName(name))).queueUrl();
        assertThat(url).isEqualTo(baseUrl() + "/sqs/000000000000/" + name);
        assertThat(call(sqs.createQueue(b -> b.queueName(name))).queueUrl()).isEqualTo(url);
        assertThat(call(sqs.getQueueUrl(b -> b.queueName(name))).queueUrl()).isEqualTo(url);
        assertThat(call(sqs.listQueues(b -> b.queueNamePrefix(name))).queueUrls())
                .containsExactly(url);

        assertThatThrownBy(() -> call(sqs.getQueueUrl(b -> b.queueName("no-such-queue"))))
                .isInstanceOf(QueueDoesNotExistException.class)
                .satisfies(e -> assertThat(((QueueDoesNotExistException) e)
                                .awsErrorDetails()
                                .errorCode())
                        .isEqualTo("AWS.SimpleQueueService.NonExistentQueue"));
        assertThatThrownBy(
                        () -> call(sqs.receiveMessage(b -> b.queueUrl(baseUrl() + "/sqs/000000000000/no-such-queue"))))
                .isInstanceOf(QueueDoesNotExistException.class);
        assertThatThrownBy(() -> call(sqs.createQueue(b -> b.queueName("events.fifo"))))
                .isInstanceOf(SqsException.class);
    }

    @Test
    void aMessageIsReceivedWithItsDigestAndAttributesAndDeleted() {
        String url = newQueue();
        String body = "{\"id\": \"é-" + UUID.randomUUID() + "\"}";
        SendMessageResponse sent = call(sqs.sendMessage(b -> b.queueUrl(url).messageBody(body)));
        assertThat(sent.md5OfMessageBody()).hasSize(32);

        Message message = single(call(sqs.receiveMessage(b ->
                b.queueUrl(url).maxNumberOfMessages(10).messageSystemAttributeNames(MessageSystemAttributeName.ALL))));
        assertThat(message.messageId()).isEqualTo(sent.messageId());
        assertThat(message.body()).isEqualTo(body);
        assertThat(message.md5OfBody()).isEqualTo(sent.md5OfMessageBody());
        assertThat(message.attributes())
                .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")
                .containsKeys(
                        MessageSystemAttributeName.SENT_TIMESTAMP,
                        MessageSystemAttributeName.SENDER_ID,
                        MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP);
        assertThat(Long.parseLong(message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP)))
                .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
        assertThat(counts(url)).containsExactly(0, 1);

        call(sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle())));
        assertThat(counts(url)).containsExactly(0, 0);
        // deleting again with the same, now stale, handle is accepted, as SQS does
        call(sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle())));
        assertThatThrownBy(() -> call(sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle("not-a-receipt-handle"))))
                .isInstanceOf(ReceiptHandleIsInvalidException.class);
    }

    @Test
    void messageAttributesComeBackWithTheDigestTheSdkChecks() {
        String url = newQueue();
        Map<String, MessageAttributeValue> attributes = Map.of(
                "eventType",
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue("deposits.updated")
                                .build(),
                "attempt",
                        MessageAttributeValue.builder()
                                .dataType("Number")
                                .stringValue("2")
                                .build(),
                "raw",
                        MessageAttributeValue.builder()
                                .dataType("Binary")
                                .binaryValue(SdkBytes.fromUtf8String("bytes"))
                                .build());
        // the SDK fails the send unless MD5OfMessageAttributes matches its own calculation
        SendMessageResponse sent = call(sqs.sendMessage(
                b -> b.queueUrl(url).messageBody("with attributes").messageAttributes(attributes)));
        assertThat(sent.md5OfMessageAttributes()).hasSize(32);

        Message message = single(call(sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("All"))));
        assertThat(message.messageAttributes()).isEqualTo(attributes);
        assertThat(message.md5OfMessageAttributes()).isEqualTo(sent.md5OfMessageAttributes());
        call(sqs.changeMessageVisibility(
                b -> b.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0)));

        Message selected = single(call(sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("eventType"))));
        assertThat(selected.messageAttributes()).containsOnlyKeys("eventType");
    }

    @Test
    void aLongPollReturnsAsSoonAsAMessageIsSentAndEmptyWhenItsWaitEnds() throws Exception {
        String url = newQueue();
        long start = System.nanoTime();
        CompletableFuture<ReceiveMessageResponse> waiting =
                sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20));
        TimeUnit.MILLISECONDS.sleep(300);
        assertThat(waiting).isNotDone();
        call(sqs.sendMessage(b -> b.queueUrl(url).messageBody("wake up")));

        assertThat(single(waiting.get(10, TimeUnit.SECONDS)).body()).isEqualTo("wake up");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

        long emptyStart = System.nanoTime();
        assertThat(call(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)))
                        .messages())
                .isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - emptyStart)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void anUndeletedMessageComesBackAfterItsVisibilityTimeout() {
        String url = newQueue();
        call(sqs.sendMessage(b -> b.queueUrl(url).messageBody("at least once")));

        Message first = single(call(sqs.receiveMessage(b -> b.queueUrl(url)
                .visibilityTimeout(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))));
        assertThat(call(sqs.receiveMessage(b -> b.queueUrl(url))).messages()).isEmpty();

        // a long poll is woken when the message becomes visible again
        long start = System.nanoTime();
        Message again = single(call(sqs.receiveMessage(b -> b.queueUrl(url)
                .waitTimeSeconds(10)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.receiptHandle()).isNotEqualTo(first.receiptHandle());
        assertThat(again.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");

        DeleteMessageBatchResponse deleted = call(sqs.deleteMessageBatch(b -> b.queueUrl(url)
                .entries(
                        DeleteMessageBatchRequestEntry.builder()
                                .id("stale")
                                .receiptHandle(first.receiptHandle())
                                .build(),
                        DeleteMessageBatchRequestEntry.builder()
                                .id("bogus")
                                .receiptHandle("bogus")
                                .build())));
        assertThat(deleted.successful()).extracting(entry -> entry.id()).containsExactly("stale");
        assertThat(deleted.failed()).singleElement().satisfies(failure -> {
            assertThat(failure.id()).isEqualTo("bogus");
            assertThat(failure.code()).isEqualTo("ReceiptHandleIsInvalid");
        });
        assertThat(counts(url)).containsExactly(0, 0);
    }

    @Test
    void visibleMessagesAreHandedOutInNoParticularOrder() {
        String url = newQueue();
        for (int i = 0; i < 10; i++) {
            String body = "message-" + i;
            call(sqs.sendMessage(b -> b.queueUrl(url).messageBody(body)));
        }
        List<String> bodies = call(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10))).messages().stream()
                .map(Message::body)
                .toList();
        assertThat(bodies).hasSize(10).doesNotHaveDuplicates();
        // a FIFO order has odds of 1 in 10! here
        assertThat(bodies)
                .isNotEqualTo(java.util.stream.IntStream.range(0, 10)
                        .mapToObj(i -> "message-" + i)
                        .toList());
    }

    @Test
    void invalidRequestsAreRefusedTheWaySqsRefusesThem() {
        String url = newQueue();
        assertThatThrownBy(() -> call(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(11))))
                .isInstanceOf(SqsException.class)
                .satisfies(e -> assertThat(((SqsException) e).statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> call(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(21))))
                .isInstanceOf(SqsException.class);
        assertThatThrownBy(() ->
                        call(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("NoSuchAttribute"))))
                .isInstanceOf(SqsException.class);

        anonymous()
                .post()
                .uri("/sqs/")
                .header("X-Amz-Target", "AmazonSQS.NoSuchAction")
                .header("Content-Type", "application/x-amz-json-1.0")
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .valueEquals("x-amzn-query-error", "InvalidAction;Sender")
                .expectBody()
                .jsonPath("$.__type")
                .isEqualTo("com.amazonaws.sqs#InvalidAction")
                .jsonPath("$.message")
                .isNotEmpty();
        anonymous()
                .post()
                .uri("/sqs/000000000000/x")
                .header("X-Amz-Target", "AmazonSQS.GetQueueUrl")
                .header("Content-Type", "application/x-amz-json-1.0")
                .bodyValue("{\"QueueName\": \"nope\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType("application/x-amz-json-1.0")
                .expectBody()
                .jsonPath("$.__type")
                .isEqualTo("com.amazonaws.sqs#QueueDoesNotExist");
        anonymous()
                .post()
                .uri("/sqs")
                .header("X-Amz-Target", "AmazonSQS.DeleteQueue")
                .header("Content-Type", "application/x-amz-json-1.0")
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.__type")
                .isEqualTo("com.amazonaws.sqs#UnsupportedOperation");
    }

    // --- helpers ---

    private static String queueName() {
        return "test-" + UUID.randomUUID();
    }

    private String newQueue() {
        String name = queueName();
        return call(sqs.createQueue(b -> b.queueName(name))).queueUrl();
    }

    /** ApproximateNumberOfMessages, ApproximateNumberOfMessagesNotVisible. */
    private List<Integer> counts(String url) {
        Map<QueueAttributeName, String> attributes = call(sqs.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)))
                .attributes();
        return List.of(
                Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
                Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
    }

    private static Message single(ReceiveMessageResponse response) {
        assertThat(response.messages()).hasSize(1);
        return response.messages().get(0);
    }

    /** Waits for the SDK's answer; its failure is thrown as the SDK's exception. */
    static <T> T call(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CompletionException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("No answer from the sandbox's SQS within 30 s", e);
        }
    }
}
