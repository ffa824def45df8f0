package com.stack.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.stack.contracts.events.Topics;
import com.stack.defaults.messaging.MessagingProperties;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every topic the code knows (shared-contracts' Topics) and its dead-letter topic has a KafkaTopic, laid out as the
 * services would create it (MessagingProperties.TopicSettings, under the profile the overlay runs); none other.
 */
class KafkaTopicsTest {
    @ParameterizedTest
    @MethodSource(RenderedOverlay.EVERY_OVERLAY)
    void everyTopicAndItsDeadLetterTopicHasAKafkaTopicAndNoOtherDoes(RenderedOverlay overlay) {
        Set<String> expected = new TreeSet<>();
        for (String topic : codeTopics()) {
            expected.add(topic);
            expected.add(Topics.deadLetter(topic));
        }
        assertThat(overlay.all(KafkaTopic.class))
                .extracting(KafkaTopicsTest::topicName)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource(RenderedOverlay.EVERY_OVERLAY)
    void topicsAreLaidOutAsTheServicesCreateThem(RenderedOverlay overlay) {
        Map<String, Integer> layout = topicSettings(overlay);
        Kafka kafka = overlay.all(Kafka.class).stream().findFirst().orElseThrow();
        for (KafkaTopic topic : overlay.all(KafkaTopic.class)) {
            assertThat(topic.getMetadata().getLabels())
                    .containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
            assertThat(topic.getSpec().getPartitions())
                    .as("%s partitions", topicName(topic))
                    .isEqualTo(layout.get("partitions"));
            assertThat(topic.getSpec().getReplicas())
                    .as("%s replicas", topicName(topic))
                    .isEqualTo(layout.get("replication-factor"));
            assertThat(topic.getSpec().getConfig())
                    .as("%s config", topicName(topic))
                    .containsEntry("min.insync.replicas", layout.get("min-insync-replicas"));
        }
        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
        assertThat(config)
                .containsEntry("default.replication.factor", layout.get("replication-factor"))
                .containsEntry("min.insync.replicas", layout.get("min-insync-replicas"))
                .containsEntry("auto.create.topics.enable", false);
        int brokers = overlay.all(KafkaNodePool.class).stream()
                .filter(pool -> pool.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(pool -> pool.getSpec().getReplicas())
                .sum();
        assertThat(brokers)
                .as("brokers to hold every replica")
                .isGreaterThanOrEqualTo(layout.get("replication-factor"));
        if (overlay.name.equals("production")) {
            assertThat(brokers).isEqualTo(3);
            assertThat(layout)
                    .containsEntry("partitions", 3)
                    .containsEntry("replication-factor", 3)
                    .containsEntry("min-insync-replicas", 2);
        }
    }

    private static String topicName(KafkaTopic topic) {
        return topic.getSpec().getTopicName() == null
                ? topic.getMetadata().getName()
                : topic.getSpec().getTopicName();
    }

    /** The topics of Topics: its String constants other than the dead-letter suffix. */
    private static List<String> codeTopics() {
        return Arrays.stream(Topics.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(KafkaTopicsTest::value)
                .filter(value -> !value.equals(Topics.DEAD_LETTER_SUFFIX))
                .toList();
    }

    /**
     * TopicSettings' defaults (production), with stack-defaults-local.properties over them where the overlay runs
     * the local profile.
     */
    private static Map<String, Integer> topicSettings(RenderedOverlay overlay) {
        Map<String, Integer> layout = Arrays.stream(MessagingProperties.TopicSettings.class.getRecordComponents())
                .collect(Collectors.toMap(
                        c -> c.getName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(),
                        c -> Integer.parseInt(ServiceModule.defaultValue(c).get(0))));
        String profiles = overlay.all(io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
                .map(c -> c.getData() == null ? null : c.getData().get("SPRING_PROFILES_ACTIVE"))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse("");
        if (Set.of(profiles.split(",")).contains("local")) {
            Properties local = new Properties();
            try (Reader reader = Files.newBufferedReader(
                    Repository.ROOT.resolve("service-defaults/src/main/resources/stack-defaults-local.properties"))) {
                local.load(reader);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            local.stringPropertyNames().stream()
                    .filter(k -> k.startsWith("stack.messaging.topics."))
                    .forEach(k -> layout.put(
                            k.substring("stack.messaging.topics.".length()), Integer.parseInt(local.getProperty(k))));
        }
        return layout;
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
