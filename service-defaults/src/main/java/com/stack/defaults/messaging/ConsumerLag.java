package com.stack.defaults.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.stack.defaults.messaging.transport.MessageTransport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * {@code stack.events.consumer.lag{consumer, topic}}: records of each topic the service's consumer reads that its
 * group has not committed yet, summed over the topic's partitions (the end offsets minus the group's committed
 * ones; a partition the group never committed counts from its earliest offset, where the consumer starts).
 * Read from the broker by the admin client on every sweep, asynchronously ({@link MessageTransport#backlog}), rather
 * than from the consumer's own {@code records-lag} metrics: those exist only for partitions assigned to this
 * instance and only while it polls, so a stopped or crashed consumer would show no lag at all.
 */
public class ConsumerLag extends SweepingLoop {

    static final String METRIC = "stack.events.consumer.lag";

    private final MessageTransport transport;
    private final String group;
    private final List<String> topics;
    private final Duration refreshInterval;
    private final Map<String, AtomicLong> lag = new ConcurrentHashMap<>();

    public ConsumerLag(
            MessageTransport transport,
            String group,
            List<String> topics,
            Duration refreshInterval,
            MeterRegistry registry) {
        this.transport = transport;
        this.group = group;
        this.topics = topics;
        this.refreshInterval = refreshInterval;
        topics.forEach(topic -> {
            AtomicLong value = new AtomicLong();
            lag.put(topic, value);
            Gauge.builder(METRIC, value, AtomicLong::get)
                    .tag("consumer", group)
                    .tag("topic", topic)
                    .description("Records the consumer group has not processed yet, summed over the topic's partitions")
                    .register(registry);
        });
    }

    /** The lag per topic, read now (and set on the gauges). */
    public Mono<Map<String, Long>> refresh() {
        if (topics.isEmpty()) {
            return Mono.just(Map.of());
        }
        return transport
                .backlog(group, topics)
                .doOnNext(counts -> counts.forEach((topic, count) -> {
                    AtomicLong value = lag.get(topic);
                    if (value != null) {
                        value.set(count);
                    }
                }));
    }

    @Override
    protected Duration sweepInterval() {
        return refreshInterval;
    }

    @Override
    protected Mono<Void> pass(boolean woken) {
        return refresh().then();
    }

    @Override
    public boolean isAutoStartup() {
        return !topics.isEmpty();
    }
}
