package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.stack.testsupport.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The chaos run is repeatable from its seed: the same seed draws the same faults and flows, another seed others; and
 * the redelivery it causes sets a consumer group back to the records of a given time.
 */
class ChaosScheduleTest {

    static final Duration FIRST = Duration.ofSeconds(60);
    static final Duration SPACING = Duration.ofSeconds(50);
    static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    void aSeedDrawsOneScheduleWithEveryFaultOnce() {
        List<ChaosSchedule.Fault> faults = ChaosSchedule.draw(7, FIRST, SPACING, OUTAGE, "stack_funding");

        assertThat(ChaosSchedule.draw(7, FIRST, SPACING, OUTAGE, "stack_funding"))
                .isEqualTo(faults);
        assertThat(ChaosSchedule.draw(8, FIRST, SPACING, OUTAGE, "stack_funding"))
                .isNotEqualTo(faults);
        assertThat(faults)
                .extracting(ChaosSchedule.Fault::target)
                .containsExactlyInAnyOrder(
                        "gateway",
                        "onboarding-service",
                        "wallet-service",
                        "funding-service",
                        "investing-service",
                        "aicfo-service",
                        "kafka",
                        "redis",
                        "stack_funding");
        assertThat(faults)
                .extracting(ChaosSchedule.Fault::at)
                .containsExactly(
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(110),
                        Duration.ofSeconds(160),
                        Duration.ofSeconds(210),
                        Duration.ofSeconds(260),
                        Duration.ofSeconds(310),
                        Duration.ofSeconds(360),
                        Duration.ofSeconds(410),
                        Duration.ofSeconds(460));
        assertThat(faults)
                .filteredOn(fault -> fault.kind() != ChaosSchedule.Kind.KILL)
                .allSatisfy(fault -> assertThat(fault.lasts()).isEqualTo(OUTAGE));
        // the webhook ingress stays down past Circle's retries; every other service starts again at once
        assertThat(faults)
                .filteredOn(fault -> fault.kind() == ChaosSchedule.Kind.KILL)
                .allSatisfy(fault -> assertThat(fault.lasts())
                        .isEqualTo(fault.target().equals("gateway") ? ChaosSchedule.GATEWAY_DOWN : Duration.ZERO));
        // the sandbox is the outside world whose records the run checks: never killed
        assertThat(faults).noneMatch(fault -> fault.target().equals("partner-sandbox"));
    }

    @Test
    void aSeedDrawsTheSameFlowsAtTheSameTimes() {
        List<ChaosBenchmark.Flow> flows = ChaosBenchmark.draw(7, 1200, Duration.ofSeconds(540), 200, "run");

        assertThat(ChaosBenchmark.draw(7, 1200, Duration.ofSeconds(540), 200, "run"))
                .isEqualTo(flows);
        assertThat(ChaosBenchmark.draw(8, 1200, Duration.ofSeconds(540), 200, "run"))
                .isNotEqualTo(flows);
        assertThat(flows)
                .extracting(ChaosBenchmark.Flow::key)
                .doesNotHaveDuplicates()
                .allMatch(key -> key.matches("[a-z0-9]+"), "a key is also a transaction hash: letters and digits");
        assertThat(flows.get(1199).at()).isLessThan(Duration.ofSeconds(540));
        Map<String, Long> families =
                flows.stream().collect(Collectors.groupingBy(ChaosBenchmark.Flow::family, Collectors.counting()));
        // 40% deposits, 30% withdrawals, 30% orders, within what 1,200 draws vary by
        assertThat(families.get("deposit")).isBetween(420L, 540L);
        assertThat(families.get("withdrawal")).isBetween(300L, 420L);
        assertThat(families.get("order")).isBetween(300L, 420L);
        assertThat(flows).allSatisfy(flow -> assertThat(flow.user()).isBetween(0, 199));
    }

    @Test
    void aRewindSetsAConsumerGroupBackToItsRecordsOfThatTimeAndLeavesAnUnknownGroupAlone() throws Exception {
        String kafka = TestInfrastructure.kafkaBootstrapServers();
        String topic = "chaos-rewind-" + UUID.randomUUID();
        String group = "chaos-rewind-" + UUID.randomUUID();
        Instant now = Instant.now();
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                // two records of ten minutes ago, three of ten seconds ago
                for (int i = 0; i < 5; i++) {
                    Instant at = i < 2 ? now.minusSeconds(600) : now.minusSeconds(10);
                    producer.send(new ProducerRecord<>(topic, 0, at.toEpochMilli(), "k", "v" + i))
                            .get(30, TimeUnit.SECONDS);
                }
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka,
                    ConsumerConfig.GROUP_ID_CONFIG,
                    group,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                    StringDeserializer.class))) {
                consumer.subscribe(List.of(topic));
                int read = 0;
                Instant deadline = Instant.now().plusSeconds(30);
                while (read < 5 && Instant.now().isBefore(deadline)) {
                    read += consumer.poll(Duration.ofMillis(500)).count();
                }
                assertThat(read).isEqualTo(5);
                consumer.commitSync();
                // closed without leaving the group, as a killed process: its member lingers until removed
            }

            assertThat(ChaosSchedule.rewind(kafka, group, now.minusSeconds(60)))
                    .isEqualTo("consumer group " + group + " rewound: 3 records to be delivered again");

            TopicPartition partition = new TopicPartition(topic, 0);
            assertThat(admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get(30, TimeUnit.SECONDS)
                            .get(partition)
                            .offset())
                    .isEqualTo(2);
            assertThat(ChaosSchedule.rewind(kafka, "chaos-no-such-group-" + UUID.randomUUID(), now))
                    .isEqualTo("no consumer group to rewind");
        }
    }
}
