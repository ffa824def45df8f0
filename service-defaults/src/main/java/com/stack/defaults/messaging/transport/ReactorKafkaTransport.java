package com.stack.defaults.messaging.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.MicrometerConsumerListener;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverRecord;
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

    /** Tunables with production defaults; tests shorten them. */
    public record Settings(Duration deliveryTimeout, Duration requestTimeout, Duration commitInterval, int partitions,
            short replicationFactor) {

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofMillis(100), 3, (short) 1);
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
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) settings.deliveryTimeout().toMillis());
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.requestTimeout().toMillis());
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) settings.requestTimeout().toMillis());
        producer.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        SenderOptions<String, byte[]> options = SenderOptions.<String, byte[]>create(producer).stopOnError(true);
        if (meters != null) {
            options = options.producerListener(new MicrometerProducerListener(meters));
        }
        this.sender = KafkaSender.create(options);
        this.admin = AdminClient.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-admin",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.requestTimeout().toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.requestTimeout().toMillis()));
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
        return SenderRecord.create(new ProducerRecord<>(message.topic(), null, message.key(), message.value(), headers),
                message.correlation());
    }

    @Override
    public Flux<IncomingMessage> receive(String group, Collection<String> topics) {
        Map<String, Object> consumer = new HashMap<>();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        ReceiverOptions<String, byte[]> options = ReceiverOptions.<String, byte[]>create(consumer)
                .subscription(topics)
                .commitInterval(settings.commitInterval());
        if (meters != null) {
            options = options.consumerListener(new MicrometerConsumerListener(meters));
        }
        return KafkaReceiver.create(options).receive().map(KafkaIncomingMessage::new);
    }

    @Override
    public Mono<Void> ensureTopics(Collection<String> topics) {
        List<NewTopic> wanted = Set.copyOf(topics).stream()
                .map(name -> new NewTopic(name, settings.partitions(), settings.replicationFactor()))
                .toList();
        return Mono.fromCompletionStage(() -> admin.createTopics(wanted).all().toCompletionStage())
                .onErrorResume(e -> e instanceof TopicExistsException || e.getCause() instanceof TopicExistsException,
                        e -> Mono.empty())
                .then();
    }

    @Override
    public void close() {
        sender.close();
        admin.close(Duration.ofSeconds(2));
    }

    private record KafkaIncomingMessage(ReceiverRecord<String, byte[]> record) implements IncomingMessage {

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
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
            }
            return headers;
        }

        @Override
        public void acknowledge() {
            record.receiverOffset().acknowledge();
        }
    }
}
