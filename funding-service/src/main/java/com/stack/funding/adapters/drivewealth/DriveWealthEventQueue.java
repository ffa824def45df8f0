package com.stack.funding.adapters.drivewealth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import com.stack.defaults.messaging.BackgroundLoop;
import com.stack.funding.adapters.PartnerInboxRepository;
import com.stack.funding.app.DepositIntakeMetrics;
import com.stack.funding.app.PartnerInboxProcessor;
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
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * DriveWealth's events, from the SQS queue of its events subscription, into the partner inbox. SQS standard
 * queues deliver at least once and in no order: each message is stored once by DriveWealth's event id (a
 * duplicate delivery stores nothing), and deleted from the queue only after the insert committed, so a
 * crash in between has SQS deliver it again and nothing is lost. The processor applies stored events
 * asynchronously. Long polls run on the SDK's Netty client: waiting for events holds no thread.
 *
 * <p>A message that is not a DriveWealth event envelope is left on the queue (and counted): after the
 * queue's maxReceiveCount, its redrive policy moves it to the queue's dead-letter queue for an operator.
 */
public class DriveWealthEventQueue extends BackgroundLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DriveWealthEventQueue.class);

    private final DriveWealthProperties.Events settings;
    private final PartnerInboxRepository inbox;
    private final PartnerInboxProcessor processor;
    private final DepositIntakeMetrics metrics;
    private final SqsAsyncClient sqs;
    private volatile Mono<String> queueUrl;

    public DriveWealthEventQueue(DriveWealthProperties.Events settings, PartnerInboxRepository inbox,
            PartnerInboxProcessor processor, DepositIntakeMetrics metrics) {
        this.settings = settings;
        this.inbox = inbox;
        this.processor = processor;
        this.metrics = metrics;
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

    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    @Override
    protected Disposable begin() {
        return Flux.range(0, Math.max(1, settings.pollers()))
                .flatMap(poller -> Mono.defer(this::poll)
                        .onErrorResume(e -> {
                            log.warn("Polling DriveWealth's event queue failed; again in {}: {}", settings.errorBackoff(),
                                    e.toString());
                            queueUrl = resolveQueueUrl();
                            return Mono.delay(settings.errorBackoff()).thenReturn(0);
                        })
                        .repeat())
                .subscribe();
    }

    /**
     * One long poll: receives up to 10 events, stores them in one statement, each once, then deletes what was
     * stored (or found stored before) in one batch. A message SQS fails to delete is delivered again later and
     * found stored.
     */
    public Mono<Integer> poll() {
        return queueUrl.flatMap(url -> Mono.fromFuture(() -> sqs.receiveMessage(ReceiveMessageRequest.builder()
                                .queueUrl(url)
                                .maxNumberOfMessages(10)
                                .waitTimeSeconds((int) Math.min(20, settings.waitTime().toSeconds()))
                                .visibilityTimeout((int) settings.visibilityTimeout().toSeconds())
                                .build()))
                .flatMap(response -> take(url, response.messages()).thenReturn(response.messages().size())));
    }

    private Mono<Void> take(String url, List<Message> messages) {
        List<Message> events = new ArrayList<>();
        List<PartnerInboxRepository.Notification> notifications = new ArrayList<>();
        for (Message message : messages) {
            try {
                DriveWealthEvents.Envelope envelope = DriveWealthEvents.envelope(message.body());
                events.add(message);
                notifications.add(new PartnerInboxRepository.Notification(envelope.id(), envelope.type(), message.body()));
            } catch (DriveWealthEvents.MalformedEventException e) {
                log.error("SQS message {} on DriveWealth's queue is not an event ({}); left for the queue's redrive policy",
                        message.messageId(), e.getMessage());
                metrics.webhook(DriveWealthClient.PARTNER, "malformed");
            }
        }
        if (events.isEmpty()) {
            return Mono.empty();
        }
        return inbox.storeAll(DriveWealthClient.PARTNER, notifications)
                .doOnNext(stored -> {
                    Set<String> first = new HashSet<>(stored);
                    notifications.forEach(notification -> metrics.webhook(DriveWealthClient.PARTNER,
                            first.remove(notification.eventId()) ? "stored" : "duplicate"));
                    if (!stored.isEmpty()) {
                        processor.wake();
                    }
                })
                .then(Mono.fromFuture(() -> sqs.deleteMessageBatch(DeleteMessageBatchRequest.builder().queueUrl(url)
                        .entries(IntStream.range(0, events.size()).mapToObj(i -> DeleteMessageBatchRequestEntry.builder()
                                .id(String.valueOf(i)).receiptHandle(events.get(i).receiptHandle()).build()).toList())
                        .build())))
                .doOnNext(deleted -> {
                    if (deleted.hasFailed() && !deleted.failed().isEmpty()) {
                        log.warn("{} of {} stored DriveWealth events not deleted from the queue ({}); SQS delivers them"
                                + " again and they are found stored", deleted.failed().size(), events.size(),
                                deleted.failed().get(0).message());
                    }
                })
                .then();
    }

    private Mono<String> resolveQueueUrl() {
        return Mono.fromFuture(() -> sqs.getQueueUrl(GetQueueUrlRequest.builder().queueName(settings.queueName()).build()))
                .map(response -> response.queueUrl())
                .cache(url -> Duration.ofDays(3650), error -> Duration.ZERO, () -> Duration.ZERO);
    }

    @Override
    public void close() {
        stop();
        sqs.close();
    }

}
