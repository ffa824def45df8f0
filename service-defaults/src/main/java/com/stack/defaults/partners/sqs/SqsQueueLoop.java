package com.stack.defaults.partners.sqs;

import java.util.List;

import com.stack.defaults.messaging.BackgroundLoop;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A partner's SQS queue consumed in the background while the service runs ({@link SqsQueueConsumer}'s long polls),
 * each batch of messages handed to {@link #take}; when a message is deleted is the subclass's. Starts with the
 * service unless disabled; {@link #poll} makes one poll (tests).
 */
public abstract class SqsQueueLoop extends BackgroundLoop implements AutoCloseable {

    private final boolean enabled;
    private final SqsQueueConsumer queue;

    /** @param description the queue as log lines name it, e.g. "DriveWealth's event queue" */
    protected SqsQueueLoop(String description, boolean enabled, SqsQueueConsumer.Settings settings) {
        this.enabled = enabled;
        this.queue = new SqsQueueConsumer(description, settings);
    }

    /** The messages of one poll (up to 10, maybe none). */
    protected abstract Mono<Void> take(List<Message> messages);

    @Override
    public boolean isAutoStartup() {
        return enabled;
    }

    @Override
    protected Disposable begin() {
        return queue.run(this::take);
    }

    /** One long poll: receives up to 10 messages and takes them. Answers how many arrived. */
    public Mono<Integer> poll() {
        return queue.poll(this::take);
    }

    /** Deletes the messages in one batch; the answer lists any SQS failed to delete (delivered again later). */
    protected Mono<DeleteMessageBatchResponse> delete(List<Message> messages) {
        return queue.delete(messages);
    }

    @Override
    public void close() {
        stop();
        queue.close();
    }
}
