package com.stack.defaults.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.defaults.messaging.transport.ReactorKafkaTransport;
import com.stack.testsupport.TestInfrastructure;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * Topics are laid out from the settings (partitions, replication factor, min.insync.replicas), not a hard-coded
 * single replica; production defaults to 3 replicas and 2 in sync, the local profile to 1 and 1.
 */
class TopicLayoutTest {

    @Test
    void topicsAreCreatedWithThePartitionsReplicasAndMinInsyncReplicasOfTheSettings() throws Exception {
        String topic = "stack.layout-test." + UUID.randomUUID();
        try (ReactorKafkaTransport transport = transport(2, (short) 1, 1);
                AdminClient admin = AdminClient.create(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            transport.ensureTopics(List.of(topic)).block(Duration.ofSeconds(30));

            TopicDescription description =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions())
                    .hasSize(2)
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(1));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            assertThat(admin.describeConfigs(List.of(resource))
                            .all()
                            .get()
                            .get(resource)
                            .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
                            .value())
                    .isEqualTo("1");
        }
    }

    /** The local broker is a single node: three replicas cannot be placed, and creating the topic says so. */
    @Test
    void aReplicationFactorTheClusterCannotHoldIsRefusedNotSilentlyLowered() {
        try (ReactorKafkaTransport transport = transport(1, (short) 3, 2)) {
            assertThatThrownBy(() -> transport
                            .ensureTopics(List.of("stack.layout-test." + UUID.randomUUID()))
                            .block(Duration.ofSeconds(30)))
                    .isInstanceOf(InvalidReplicationFactorException.class);
        }
    }

    @Test
    void productionDefaultsAreThreeReplicasTwoInSyncAndTheLocalProfileUsesOne() {
        assertThat(ReactorKafkaTransport.Settings.defaults().replicationFactor())
                .isEqualTo((short) 3);
        assertThat(ReactorKafkaTransport.Settings.defaults().minInsyncReplicas())
                .isEqualTo(2);

        MockEnvironment production = new MockEnvironment().withProperty("stack.database", "x");
        new com.stack.defaults.config.StackDefaultsEnvironmentPostProcessor().postProcessEnvironment(production, null);
        assertThat(production.getProperty("stack.messaging.topics.replication-factor"))
                .isNull();

        MockEnvironment local = new MockEnvironment().withProperty("stack.database", "x");
        local.setActiveProfiles("local");
        new com.stack.defaults.config.StackDefaultsEnvironmentPostProcessor().postProcessEnvironment(local, null);
        assertThat(local.getProperty("stack.messaging.topics.replication-factor"))
                .isEqualTo("1");
        assertThat(local.getProperty("stack.messaging.topics.min-insync-replicas"))
                .isEqualTo("1");
        // the local file wins over the shared defaults, and the shared defaults are still there
        assertThat(local.getProperty("management.endpoints.web.exposure.include"))
                .contains("deadletters");
    }

    private static ReactorKafkaTransport transport(int partitions, short replicationFactor, int minInsyncReplicas) {
        return new ReactorKafkaTransport(
                TestInfrastructure.kafkaBootstrapServers(),
                "layout-test",
                null,
                ReactorKafkaTransport.Settings.defaults().withTopics(partitions, replicationFactor, minInsyncReplicas));
    }
}
