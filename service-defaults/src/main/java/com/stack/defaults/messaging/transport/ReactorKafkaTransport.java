package com.stack.defaults.messaging.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.MicrometerConsumerListener;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.MicrometerProducerListener;
import reactor.kafka.sender.SenderOptions;
import reactor.kafka.sender.SenderRecord;

/**
 * {@link MessageTransport} over Reactor Kafka: an idempotent producer ({@code acks=all}, at most 5
 * requests in flight, so the broker keeps each partition in send order also across retries) and
 * consumers that commit only acknowledged offsets. Kafka client metrics (including consumer lag,
 * {@code kafka.consumer.fetch.manager.records.lag.max}) are bound to the meter registry.
 */
public class ReactorKafkaTransport implements MessageTransport {

    private final String bootstrapServers;
    private final MeterRegistry meters;
    private final Settings settings;
    private final KafkaSender<String, byte[]> sender;
    private final AdminClient admin;

    /**
     * Tunables with production defaults; tests shorten them. Topics are created with {@code partitions},
     * {@code replicationFactor} and {@code min.insync.replicas} = {@code minInsyncReplicas} (with
     * {@code acks=all}, a write succeeds only once that many replicas have it).
     */
    public record Settings(
            Duration deliveryTimeout,
            Duration requestTimeout,
            Duration commitInterval,
            int partitions,
            short replicationFactor,
            int minInsyncReplicas) {

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofMillis(100), 3, (short) 3, 2);
        }

        /** These settings with other topic settings. */
        public Settings withTopics(int partitions, short replicationFactor, int minInsyncReplicas) {
            return new Settings(
                    deliveryTimeout, requestTimeout, commitInterval, partitions, replicationFactor, minInsyncReplicas);
        }
    }

    public ReactorKafkaTransport(String bootstrapServers, String clientId, MeterRegistry meters, Settings settings) {
        this.bootstrapServers = bootstrapServers;
        this.meters = meters;
        this.settings = settings;
        Map<String, Object> producer = new HashMap<>();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-producer");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        producer.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int)
                settings.deliveryTimeout().toMillis());
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int)
                settings.requestTimeout().toMillis());
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int)
                settings.requestTimeout().toMillis());
        producer.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        SenderOptions<String, byte[]> options =
                SenderOptions.<String, byte[]>create(producer).stopOnError(true);
        if (meters != null) {
            options = options.producerListener(new MicrometerProducerListener(meters));
        }
        this.sender = KafkaSender.create(options);
        this.admin = AdminClient.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                clientId + "-admin",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) settings.requestTimeout().toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) settings.requestTimeout().toMillis()));
    }

    @Override
    public Flux<SendOutcome> send(Flux<OutgoingMessage> messages) {
        return sender.send(messages.map(ReactorKafkaTransport::senderRecord))
                .map(result -> new SendOutcome(result.correlationMetadata(), result.exception()))
                .concatMap(outcome -> outcome.succeeded() ? Mono.just(outcome) : Mono.error(outcome.error()));
    }

    private static SenderRecord<String, byte[], Long> senderRecord(OutgoingMessage message) {
        List<Header> headers = message.headers().entrySet().stream()
                .map(h -> (Header) new RecordHeader(h.getKey(), h.getValue().getBytes(StandardCharsets.UTF_8)))
                .toList();
        return SenderRecord.create(
                new ProducerRecord<>(message.topic(), null, message.key(), message.value(), headers),
                message.correlation());
    }

    @Override
    public Flux<IncomingMessage> receive(String group, Collection<String> topics) {
        Map<String, Object> consumer = consumerConfig(group);
        ReceiverOptions<String, byte[]> options = ReceiverOptions.<String, byte[]>create(consumer)
                .subscription(topics)
                .commitInterval(settings.commitInterval());
        if (meters != null) {
            options = options.consumerListener(new MicrometerConsumerListener(meters));
        }
        return KafkaReceiver.create(options)
                .receive()
                .map(record -> new KafkaIncomingMessage(record, record.receiverOffset()::acknowledge));
    }

    @Override
    public Mono<Void> ensureTopics(Collection<String> topics) {
        List<NewTopic> wanted = Set.copyOf(topics).stream()
                .map(name -> new NewTopic(name, settings.partitions(), settings.replicationFactor())
                        .configs(Map.of(
                                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(settings.minInsyncReplicas()))))
                .toList();
        return Mono.fromCompletionStage(() -> admin.createTopics(wanted).all().toCompletionStage())
                .onErrorResume(
                        e -> e instanceof TopicExistsException || e.getCause() instanceof TopicExistsException,
                        e -> Mono.empty())
                .then();
    }

    @Override
    public Mono<Map<String, Long>> backlog(String group, Collection<String> topics) {
        return Mono.fromCompletionStage(() -> admin.listTopics().names().toCompletionStage())
                .flatMap(existing -> {
                    List<String> present = topics.stream()
                            .distinct()
                            .filter(existing::contains)
                            .toList();
                    Map<String, Long> zero = new TreeMap<>();
                    topics.forEach(topic -> zero.put(topic, 0L));
                    if (present.isEmpty()) {
                        return Mono.just(zero);
                    }
                    return Mono.fromCompletionStage(() -> admin.describeTopics(present)
                                    .allTopicNames()
                                    .toCompletionStage())
                            .flatMap(described -> {
                                List<TopicPartition> partitions = described.values().stream()
                                        .flatMap(d -> d.partitions().stream()
                                                .map(p -> new TopicPartition(d.name(), p.partition())))
                                        .toList();
                                return Mono.zip(
                                                offsets(partitions, OffsetSpec.earliest()),
                                                offsets(partitions, OffsetSpec.latest()),
                                                Mono.fromCompletionStage(() -> admin.listConsumerGroupOffsets(group)
                                                        .partitionsToOffsetAndMetadata()
                                                        .toCompletionStage()))
                                        .map(all -> {
                                            Map<String, Long> pending = new TreeMap<>(zero);
                                            for (TopicPartition partition : partitions) {
                                                OffsetAndMetadata committed =
                                                        all.getT3().get(partition);
                                                long from = committed != null
                                                        ? committed.offset()
                                                        : all.getT1().get(partition);
                                                pending.merge(
                                                        partition.topic(),
                                                        Math.max(0, all.getT2().get(partition) - from),
                                                        Long::sum);
                                            }
                                            return pending;
                                        });
                            });
                })
                .timeout(settings.requestTimeout().multipliedBy(4));
    }

    private Mono<Map<TopicPartition, Long>> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        partitions.forEach(partition -> wanted.put(partition, spec));
        return Mono.fromCompletionStage(() -> admin.listOffsets(wanted).all().toCompletionStage())
                .map(result -> {
                    Map<TopicPartition, Long> offsets = new HashMap<>();
                    result.forEach((partition, info) -> offsets.put(partition, info.offset()));
                    return offsets;
                });
    }

    /**
     * A plain Kafka consumer of the group, assigned every partition (no group membership, so no rebalance
     * with the service's running consumers), on a bounded-elastic thread: it polls and commits synchronously.
     * Each record is sent and acknowledged before its offset is committed.
     */
    @Override
    public Mono<Long> forward(String group, String topic, Function<IncomingMessage, OutgoingMessage> route) {
        return Mono.fromCallable(() -> forwardBacklog(group, topic, route)).subscribeOn(Schedulers.boundedElastic());
    }

    private long forwardBacklog(String group, String topic, Function<IncomingMessage, OutgoingMessage> route) {
        Duration timeout = settings.requestTimeout().multipliedBy(4);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(group))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                return 0;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long moved = 0;
            long deadline = System.nanoTime() + timeout.multipliedBy(15).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Forwarding " + topic + " took too long; " + moved + " records moved");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue;
                    }
                    // its offset is committed here, after the send, not by acknowledging it
                    OutgoingMessage message = route.apply(new KafkaIncomingMessage(record, () -> {}));
                    SendOutcome outcome = send(Flux.just(message)).blockLast(timeout.multipliedBy(2));
                    if (outcome == null || !outcome.succeeded()) {
                        throw new IllegalStateException(
                                "Forwarding " + topic + "/" + record.partition() + "@" + record.offset()
                                        + " was not acknowledged",
                                outcome == null ? null : outcome.error());
                    }
                    consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)), timeout);
                    moved++;
                }
            }
            return moved;
        }
    }

    /** A consumer of {@code group} that reads from the earliest offset and commits only when told. */
    private Map<String, Object> consumerConfig(String group) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    private static Map<String, String> headerMap(Iterable<Header> headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Header header : headers) {
            map.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return map;
    }

    @Override
    public void close() {
        sender.close();
        admin.close(Duration.ofSeconds(2));
    }

    private record KafkaIncomingMessage(ConsumerRecord<String, byte[]> record, Runnable acknowledgement)
            implements IncomingMessage {

        @Override
        public String topic() {
            return record.topic();
        }

        @Override
        public int partition() {
            return record.partition();
        }

        @Override
        public long offset() {
            return record.offset();
        }

        @Override
        public String key() {
            return record.key();
        }

        @Override
        public byte[] value() {
            return record.value();
        }

        @Override
        public Map<String, String> headers() {
            return headerMap(record.headers());
        }

        @Override
        public void acknowledge() {
            acknowledgement.run();
        }
    }
}
