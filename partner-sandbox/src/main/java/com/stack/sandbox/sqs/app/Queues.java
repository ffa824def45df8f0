package com.stack.sandbox.sqs.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import com.stack.sandbox.partners.SandboxIds;
import com.stack.sandbox.sqs.domain.MessageAttribute;
import com.stack.sandbox.sqs.domain.QueueSettings;
import com.stack.sandbox.sqs.domain.SqsException;
import com.stack.sandbox.sqs.domain.StandardQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The SQS standard queues of the sandbox, by name, and the one thing a queue cannot do alone: long
 * polling. A ReceiveMessage that finds nothing visible waits, on a timer and never on a thread, until
 * a message is sent to the queue, until a message becomes visible again (its visibility timeout or
 * delay ends), or until its wait time is over; then it tries again.
 */
@Service
public class Queues {

    /** The account id in queue URLs and ARNs. */
    public static final String ACCOUNT_ID = "000000000000";

    public static final String REGION = "us-east-1";
    /** The path the SQS endpoint is served under; queue URLs are {@code <endpoint>/<account id>/<queue name>}. */
    public static final String BASE_PATH = "/sqs";

    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private final Map<String, Held> queues = new ConcurrentHashMap<>();
    private final Clock clock;

    @Autowired
    public Queues() {
        this(Clock.systemUTC());
    }

    public Queues(Clock clock) {
        this.clock = clock;
    }

    /**
     * The queue named {@code name}, created with {@code settings} when it does not exist yet; an
     * existing queue keeps its settings (SQS would refuse different ones, the sandbox does not).
     */
    public StandardQueue create(String name, QueueSettings settings) {
        if (name == null || name.isEmpty()) {
            throw SqsException.missingParameter("QueueName");
        }
        if (name.endsWith(".fifo")) {
            throw SqsException.invalidParameterValue("FIFO queues are not emulated by the partner sandbox: " + name);
        }
        if (!QUEUE_NAME.matcher(name).matches()) {
            throw SqsException.invalidParameterValue(
                    "Can only include alphanumeric characters, hyphens, or underscores. " + "1 to 80 in length");
        }
        return queues.computeIfAbsent(name, n -> new Held(new StandardQueue(n, settings, now(), new Random()))).queue;
    }

    public Optional<StandardQueue> named(String name) {
        return Optional.ofNullable(queues.get(name)).map(held -> held.queue);
    }

    /** The queue a QueueUrl names: its last path segment is the queue's name; scheme, host and account are not checked. */
    public StandardQueue byUrl(String queueUrl) {
        if (queueUrl == null || queueUrl.isEmpty()) {
            throw SqsException.missingParameter("QueueUrl");
        }
        String path = queueUrl.endsWith("/") ? queueUrl.substring(0, queueUrl.length() - 1) : queueUrl;
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty() || !QUEUE_NAME.matcher(name).matches()) {
            throw SqsException.invalidAddress(queueUrl);
        }
        return named(name).orElseThrow(SqsException::queueDoesNotExist);
    }

    public List<StandardQueue> all() {
        return queues.values().stream()
                .map(held -> held.queue)
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
    }

    /** The URL of {@code queue} for clients that reach the endpoint at {@code endpoint} (such as {@code http://127.0.0.1:8090/sqs}). */
    public static String url(String endpoint, StandardQueue queue) {
        return endpoint + "/" + ACCOUNT_ID + "/" + queue.name();
    }

    public static String arn(StandardQueue queue) {
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT_ID + ":" + queue.name();
    }

    /** Sends a message with a new id and wakes the receives waiting on the queue. */
    public StandardQueue.Sent send(
            StandardQueue queue,
            String body,
            Map<String, MessageAttribute> attributes,
            Integer delaySeconds,
            String senderId) {
        return send(queue, SandboxIds.uuid().toString(), body, attributes, delaySeconds, senderId);
    }

    /** Sends a message (or, with an id sent before, another copy of it) and wakes the receives waiting on the queue. */
    public StandardQueue.Sent send(
            StandardQueue queue,
            String messageId,
            String body,
            Map<String, MessageAttribute> attributes,
            Integer delaySeconds,
            String senderId) {
        StandardQueue.Sent sent = queue.send(messageId, body, attributes, delaySeconds, senderId, now());
        wake(queue);
        return sent;
    }

    public StandardQueue.Counts counts(StandardQueue queue) {
        return queue.counts(now());
    }

    /** What became of the copies of a message sent with {@code messageId}; empty when none was. */
    public Optional<StandardQueue.MessageHistory> history(StandardQueue queue, String messageId) {
        return queue.history(messageId);
    }

    /** Makes a received message visible again and wakes the receives waiting, if that is now. */
    public void changeVisibility(StandardQueue queue, String receiptHandle, int visibilitySeconds) {
        queue.changeVisibility(receiptHandle, visibilitySeconds, now());
        wake(queue);
    }

    /**
     * Receives up to {@code max} messages; when none is visible, waits up to {@code wait} for one.
     * Completes with an empty list when the wait ends with nothing.
     */
    public Mono<List<StandardQueue.Received>> receive(
            StandardQueue queue, int max, int visibilitySeconds, Duration wait) {
        return Mono.defer(() -> {
            Instant deadline = now().plus(wait);
            // each empty look waits, then the look is made again: a loop of resubscriptions, no nesting
            return Mono.defer(() -> attempt(queue, max, visibilitySeconds, deadline))
                    .repeatWhenEmpty(looks -> looks);
        });
    }

    /** The messages received, or empty after waiting for a reason to look again. */
    private Mono<List<StandardQueue.Received>> attempt(
            StandardQueue queue, int max, int visibilitySeconds, Instant deadline) {
        // taken before looking, so that a message sent between the look and the wait still wakes this receive
        Mono<Void> arrival = held(queue).arrivals.get().asMono();
        Instant now = now();
        List<StandardQueue.Received> received = queue.receive(max, visibilitySeconds, now);
        if (!received.isEmpty() || !now.isBefore(deadline)) {
            return Mono.just(received);
        }
        Instant wakeUp =
                queue.nextVisibleAt(now).filter(next -> next.isBefore(deadline)).orElse(deadline);
        return Mono.firstWithSignal(
                        arrival, Mono.delay(Duration.between(now, wakeUp)).then())
                .then(Mono.empty());
    }

    private void wake(StandardQueue queue) {
        held(queue).arrivals.getAndSet(Sinks.empty()).tryEmitEmpty();
    }

    private Held held(StandardQueue queue) {
        Held held = queues.get(queue.name());
        if (held == null || held.queue != queue) {
            throw SqsException.queueDoesNotExist();
        }
        return held;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A queue and the signal its waiting receives wait on: completed, and replaced, at every send. */
    private static final class Held {

        final StandardQueue queue;
        final AtomicReference<Sinks.Empty<Void>> arrivals = new AtomicReference<>(Sinks.empty());

        Held(StandardQueue queue) {
            this.queue = queue;
        }
    }
}
