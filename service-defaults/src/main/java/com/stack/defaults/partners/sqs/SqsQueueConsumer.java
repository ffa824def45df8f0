package com.stack.defaults.partners.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * Long polls of a partner's SQS queue (DriveWealth delivers its events to one): the SDK's async client on Netty,
 * so waiting for messages holds no thread. The queue's name is resolved to its URL once, and again after a failed
 * poll. What a received message means, and when it is deleted, is the caller's: SQS delivers a message that was
 * not deleted again after the visibility timeout. Needs the SDK's {@code sqs} and {@code netty-nio-client} on the
 * service's classpath.
 */
public final class SqsQueueConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqsQueueConsumer.class);

    /**
     * @param endpoint          the SQS endpoint; empty means AWS's own for the region
     * @param region            the queue's AWS region
     * @param queueName         the queue's name, resolved to its URL at start
     * @param accessKeyId       AWS credentials of the consumer
     * @param secretAccessKey   AWS credentials of the consumer
     * @param pollers           concurrent long polls
     * @param waitTime          a long poll's wait (at most 20s)
     * @param visibilityTimeout how long a received message stays invisible before SQS delivers it again
     * @param errorBackoff      wait after a failed poll
     */
    public record Settings(
            URI endpoint,
            String region,
            String queueName,
            String accessKeyId,
            String secretAccessKey,
            int pollers,
            Duration waitTime,
            Duration visibilityTimeout,
            Duration errorBackoff) {}

    private final String description;
    private final Settings settings;
    private final SqsAsyncClient sqs;
    private volatile Mono<String> queueUrl;

    /** @param description the queue as log lines name it, e.g. "DriveWealth's event queue" */
    public SqsQueueConsumer(String description, Settings settings) {
        this.description = description;
        this.settings = settings;
        var builder = SqsAsyncClient.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .readTimeout(settings.waitTime().plusSeconds(10)));
        if (settings.endpoint() != null && !settings.endpoint().toString().isBlank()) {
            builder.endpointOverride(settings.endpoint());
        }
        this.sqs = builder.build();
        this.queueUrl = resolveQueueUrl();
    }

    /** {@code pollers} loops of {@link #poll}, each waiting {@code errorBackoff} after a failed poll; until disposed. */
    public Disposable run(Function<List<Message>, Mono<Void>> take) {
        return Flux.range(0, Math.max(1, settings.pollers()))
                .flatMap(poller -> Mono.defer(() -> poll(take))
                        .onErrorResume(e -> {
                            log.warn(
                                    "Polling {} failed; again in {}: {}",
                                    description,
                                    settings.errorBackoff(),
                                    e.toString());
                            queueUrl = resolveQueueUrl();
                            return Mono.delay(settings.errorBackoff()).thenReturn(0);
                        })
                        .repeat())
                .subscribe();
    }

    /** One long poll: up to 10 messages, handed to {@code take} (even none). Answers how many arrived. */
    public Mono<Integer> poll(Function<List<Message>, Mono<Void>> take) {
        return queueUrl.flatMap(url -> Mono.fromFuture(() -> sqs.receiveMessage(ReceiveMessageRequest.builder()
                        .queueUrl(url)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds((int) Math.min(20, settings.waitTime().toSeconds()))
                        .visibilityTimeout((int) settings.visibilityTimeout().toSeconds())
                        .build()))
                .flatMap(response -> take.apply(response.messages())
                        .thenReturn(response.messages().size())));
    }

    /** Deletes the messages in one batch; the answer lists any SQS failed to delete (delivered again later). */
    public Mono<DeleteMessageBatchResponse> delete(List<Message> messages) {
        return queueUrl.flatMap(url -> Mono.fromFuture(() -> sqs.deleteMessageBatch(DeleteMessageBatchRequest.builder()
                .queueUrl(url)
                .entries(IntStream.range(0, messages.size())
                        .mapToObj(i -> DeleteMessageBatchRequestEntry.builder()
                                .id(String.valueOf(i))
                                .receiptHandle(messages.get(i).receiptHandle())
                                .build())
                        .toList())
                .build())));
    }

    private Mono<String> resolveQueueUrl() {
        return Mono.fromFuture(() -> sqs.getQueueUrl(GetQueueUrlRequest.builder()
                        .queueName(settings.queueName())
                        .build()))
                .map(response -> response.queueUrl())
                .cache(url -> Duration.ofDays(3650), error -> Duration.ZERO, () -> Duration.ZERO);
    }

    @Override
    public void close() {
        sqs.close();
    }
}
