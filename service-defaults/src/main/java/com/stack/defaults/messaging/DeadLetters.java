package com.stack.defaults.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.stack.contracts.events.Topics;
import com.stack.defaults.messaging.transport.IncomingMessage;
import com.stack.defaults.messaging.transport.MessageTransport;
import com.stack.defaults.messaging.transport.OutgoingMessage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The dead-letter topics of a service's consumer ({@code <topic>.dlt} for every topic it consumes), read by a
 * consumer group of their own, {@code <group>.redrive}: what that group has not read yet is what is still
 * dead-lettered (not re-driven). {@link #redrive} sends those records back to their origin topic (the topic in
 * {@link EventConsumer#DLT_ORIGIN}) and commits each one's DLT offset after the broker acknowledged it, so
 * re-driving twice moves nothing twice; a crash between the send and the commit re-sends one record, which the
 * consumer's {@code processed_events} turns into a duplicate without effect. The gauge
 * {@code stack.messaging.deadletter.pending{topic}} is refreshed on every sweep, from broker offsets only
 * (asynchronous admin calls: nothing blocks).
 */
public class DeadLetters extends SweepingLoop {

    /** Set on a re-driven record: the dead letter it came from ({@code <dlt>/<partition>@<offset>}). */
    public static final String REDRIVEN_FROM = "stack_redriven_from";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final MessageTransport transport;
    private final String group;
    private final List<String> deadLetterTopics;
    private final Duration refreshInterval;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();

    /**
     * @param consumerGroup the service consumer's group; the re-drive group is {@code <consumerGroup>.redrive}
     * @param topics        the topics the consumer reads (their dead-letter topics are this class's)
     */
    public DeadLetters(
            MessageTransport transport,
            String consumerGroup,
            List<String> topics,
            Duration refreshInterval,
            MeterRegistry registry) {
        this.transport = transport;
        this.group = consumerGroup + ".redrive";
        this.deadLetterTopics = topics.stream().map(Topics::deadLetter).toList();
        this.refreshInterval = refreshInterval;
        this.registry = registry;
        deadLetterTopics.forEach(this::gauge);
    }

    /** The re-drive consumer group. */
    public String group() {
        return group;
    }

    public List<String> topics() {
        return deadLetterTopics;
    }

    /** Records not re-driven yet, per dead-letter topic (every one of this service's, zero included). */
    public Mono<Map<String, Long>> pending() {
        if (deadLetterTopics.isEmpty()) {
            return Mono.just(Map.of());
        }
        return transport
                .backlog(group, deadLetterTopics)
                .doOnNext(
                        counts -> counts.forEach((topic, count) -> gauge(topic).set(count)));
    }

    /**
     * Sends every record of {@code topic} not re-driven yet back to its origin topic; emits how many. {@code topic}
     * is one of this service's dead-letter topics, or the origin topic it belongs to.
     */
    public Mono<Long> redrive(String topic) {
        String deadLetterTopic = topic.endsWith(Topics.DEAD_LETTER_SUFFIX) ? topic : Topics.deadLetter(topic);
        if (!deadLetterTopics.contains(deadLetterTopic)) {
            return Mono.error(new UnknownDeadLetterTopicException(topic, deadLetterTopics));
        }
        return transport
                .forward(group, deadLetterTopic, DeadLetters::backToOrigin)
                .doOnNext(moved -> log.info("Re-drove {} records of {} to their origin topic", moved, deadLetterTopic))
                .flatMap(moved -> pending().onErrorResume(e -> Mono.empty()).thenReturn(moved));
    }

    /** The dead letter as it was first published: its own headers, without the dead-letter ones, marked re-driven. */
    static OutgoingMessage backToOrigin(IncomingMessage dead) {
        Map<String, String> headers = new LinkedHashMap<>(dead.headers());
        String origin = headers.get(EventConsumer.DLT_ORIGIN);
        headers.keySet().removeIf(name -> name.startsWith("stack_dlt_"));
        String coordinates = dead.topic() + "/" + dead.partition() + "@" + dead.offset();
        headers.put(REDRIVEN_FROM, coordinates);
        String topic = origin != null && origin.lastIndexOf('/') > 0
                ? origin.substring(0, origin.lastIndexOf('/'))
                : dead.topic().substring(0, dead.topic().length() - Topics.DEAD_LETTER_SUFFIX.length());
        return new OutgoingMessage(topic, dead.key(), dead.value(), headers, dead.offset());
    }

    private AtomicLong gauge(String topic) {
        return pending.computeIfAbsent(topic, name -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("stack.messaging.deadletter.pending", value, AtomicLong::get)
                    .tag("topic", name)
                    .description("Dead-lettered records not re-driven yet")
                    .register(registry);
            return value;
        });
    }

    @Override
    protected Duration sweepInterval() {
        return refreshInterval;
    }

    @Override
    protected Mono<Void> pass(boolean woken) {
        return pending().then();
    }

    /** A re-drive asked for a topic that is not one of this service's dead-letter topics. */
    public static class UnknownDeadLetterTopicException extends IllegalArgumentException {

        public UnknownDeadLetterTopicException(String topic, List<String> known) {
            super("Not a dead-letter topic of this service: " + topic + " (known: " + known + ")");
        }
    }
}
