package com.stack.defaults.messaging;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Event metrics, tagged by event type (and consumer): published, publish failures, consumed
 * (applied or duplicate), handler failures, retries of transient failures ({@code stack.events.retries}) and the
 * records being retried now ({@code stack.events.retrying{consumer}}), dead-lettered; the outbox lag (age of the oldest
 * unpublished row) and the unpublished row count as gauges. Consumer lag per group and topic is
 * {@link ConsumerLag}'s, from the broker's offsets. The relay's passes are
 * timed per step ({@code stack.outbox.relay{step=claim|publish}}): a slow claim is the first sign of a bloated
 * outbox table.
 */
public class MessagingMetrics {

    private final MeterRegistry registry;
    private final AtomicLong outboxLagMillis = new AtomicLong();
    private final AtomicLong outboxUnpublished = new AtomicLong();
    private final Map<String, AtomicLong> retrying = new ConcurrentHashMap<>();
    private final Timer relayClaim;
    private final Timer relayPublish;

    public MessagingMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("stack.outbox.lag", outboxLagMillis, value -> value.get() / 1000.0)
                .baseUnit("seconds")
                .description("Age of the oldest unpublished outbox row")
                .register(registry);
        Gauge.builder("stack.outbox.unpublished", outboxUnpublished, AtomicLong::get)
                .description("Outbox rows not yet published")
                .register(registry);
        relayClaim = relayStep(registry, "claim", "Claiming a batch of outbox rows (one transaction)");
        relayPublish = relayStep(registry, "publish", "Sending a claimed batch and marking its outcome");
    }

    private static Timer relayStep(MeterRegistry registry, String step, String description) {
        return Timer.builder("stack.outbox.relay")
                .tag("step", step)
                .description(description)
                .register(registry);
    }

    void relayClaimed(long nanos) {
        relayClaim.record(nanos, TimeUnit.NANOSECONDS);
    }

    void relayPublished(long nanos) {
        relayPublish.record(nanos, TimeUnit.NANOSECONDS);
    }

    public MeterRegistry registry() {
        return registry;
    }

    void outbox(long lagMillis, long unpublished) {
        outboxLagMillis.set(lagMillis);
        outboxUnpublished.set(unpublished);
    }

    void published(String type) {
        counter("stack.events.published", "type", type).increment();
    }

    void publishFailed(String type) {
        counter("stack.events.publish.failed", "type", type).increment();
    }

    void consumed(String type, String consumer, boolean applied) {
        counter(
                        "stack.events.consumed",
                        "type",
                        type,
                        "consumer",
                        consumer,
                        "outcome",
                        applied ? "applied" : "duplicate")
                .increment();
    }

    /**
     * The consumer's failure counters and its retrying gauge, at zero for each type it handles: a counter that
     * appears only with its first failure reads "no data" on a dashboard and in a rate, not 0, and an alert on
     * its increase misses the first one.
     */
    void consumerStarted(String consumer, Collection<String> types) {
        retrying(consumer);
        for (String type : types) {
            counter("stack.events.failed", "type", type, "consumer", consumer);
            counter("stack.events.retries", "type", type, "consumer", consumer);
            counter("stack.events.dead.lettered", "type", type, "consumer", consumer);
        }
    }

    void failed(String type, String consumer) {
        counter("stack.events.failed", "type", type, "consumer", consumer).increment();
    }

    /** A failed attempt that will be tried again (a transient failure). */
    void retried(String type, String consumer) {
        counter("stack.events.retries", "type", type, "consumer", consumer).increment();
    }

    /** A record of {@code consumer} failed transiently and is being retried ... */
    void retryingStarted(String consumer) {
        retrying(consumer).incrementAndGet();
    }

    /** ... until now: applied, dead-lettered, or the consumer stopped. */
    void retryingEnded(String consumer) {
        retrying(consumer).decrementAndGet();
    }

    private AtomicLong retrying(String consumer) {
        return retrying.computeIfAbsent(consumer, name -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("stack.events.retrying", value, AtomicLong::get)
                    .tag("consumer", name)
                    .description(
                            "Records of the consumer failing transiently and being retried now (the partition waits)")
                    .register(registry);
            return value;
        });
    }

    void deadLettered(String type, String consumer) {
        counter("stack.events.dead.lettered", "type", type, "consumer", consumer)
                .increment();
    }

    private Counter counter(String name, String... tags) {
        return Counter.builder(name).tags(tags).register(registry);
    }
}
