package com.stack.defaults.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stack.messaging.*}. A service that publishes sets {@code stack.messaging.publishes=true}
 * (and adds {@code classpath:db/messaging} to its Flyway locations); a service consumes by declaring
 * {@link EventSubscription} beans.
 *
 * @param publishes     run the outbox and its relay
 * @param source        CloudEvents source of this service's events
 * @param consumerGroup Kafka consumer group, and the consumer name in {@code processed_events}
 * @param topicSuffix   appended to every topic name (tests use a unique suffix per run)
 * @param relay         outbox relay tuning
 * @param consumer      consumer retry tuning
 * @param deadLetters   dead-letter topics' gauges
 * @param topics        how the topics this service creates are laid out
 */
@ConfigurationProperties("stack.messaging")
public record MessagingProperties(
        @DefaultValue("false") boolean publishes,
        String source,
        String consumerGroup,
        @DefaultValue("") String topicSuffix,
        @DefaultValue Relay relay,
        @DefaultValue Consumer consumer,
        @DefaultValue DeadLetters deadLetters,
        @DefaultValue TopicSettings topics) {

    /**
     * @param enabled        start the relay with the application
     * @param batchSize      rows claimed per pass
     * @param sweepInterval  pass interval besides the wake-up after each local commit (other instances' rows, retries)
     * @param lease          a claim expires after this, so a crashed instance's rows are published by another
     * @param initialBackoff first retry delay of a failed send, doubled per attempt
     * @param maxBackoff     retry delay cap
     * @param retention      published rows are deleted after this
     */
    public record Relay(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("500") int batchSize,
            @DefaultValue("1s") Duration sweepInterval,
            @DefaultValue("30s") Duration lease,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("10s") Duration maxBackoff,
            @DefaultValue("7d") Duration retention) {}

    /**
     * A failure known to be permanent ({@link PoisonEventException}) dead-letters the record at once; any other
     * failure is retried without a count limit, the partition waiting.
     *
     * @param initialBackoff  delay before the second attempt, doubled per attempt
     * @param maxBackoff      retry delay cap
     * @param batchSize       records of one partition already received are applied in one transaction, up to
     *                        this many (a failing batch is retried record by record)
     * @param dedupeRetention {@code processed_events} rows are deleted after this; an event older than this that
     *                        was not seen before is dead-lettered ({@code beyond_dedupe_horizon}), not applied
     * @param dedupeSweepInterval how often rows past the retention are deleted (in bounded batches)
     * @param lagRefreshInterval  how often {@code stack.events.consumer.lag{consumer, topic}} is read from the broker
     */
    public record Consumer(
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("30s") Duration maxBackoff,
            @DefaultValue("100") int batchSize,
            @DefaultValue("30d") Duration dedupeRetention,
            @DefaultValue("1m") Duration dedupeSweepInterval,
            @DefaultValue("15s") Duration lagRefreshInterval) {}

    /**
     * @param refreshInterval how often {@code stack.messaging.deadletter.pending{topic}} is read from the broker
     */
    public record DeadLetters(@DefaultValue("30s") Duration refreshInterval) {}

    /**
     * Production defaults; the local profile sets 1 and 1 ({@code stack-defaults-local.properties}). Topics that
     * exist already keep their layout.
     *
     * @param partitions        partitions per topic
     * @param replicationFactor replicas per partition
     * @param minInsyncReplicas replicas a write must reach ({@code min.insync.replicas}; the producer uses acks=all)
     */
    public record TopicSettings(
            @DefaultValue("3") int partitions,
            @DefaultValue("3") int replicationFactor,
            @DefaultValue("2") int minInsyncReplicas) {}

    public String topic(String contractTopic) {
        return contractTopic + topicSuffix;
    }
}
