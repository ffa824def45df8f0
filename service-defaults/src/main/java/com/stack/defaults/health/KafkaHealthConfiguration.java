package com.stack.defaults.health;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;

/** Readiness contribution "kafka": the broker answers a cluster description within two seconds. */
@AutoConfiguration
@ConditionalOnProperty("stack.kafka.bootstrap-servers")
public class KafkaHealthConfiguration {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Bean(destroyMethod = "close")
    AdminClient kafkaHealthAdminClient(@Value("${stack.kafka.bootstrap-servers}") String bootstrapServers) {
        return AdminClient.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) TIMEOUT.toMillis(),
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                2000));
    }

    @Bean("kafkaHealthIndicator")
    ReactiveHealthIndicator kafka(
            AdminClient kafkaHealthAdminClient, @Value("${stack.kafka.bootstrap-servers}") String bootstrapServers) {
        return () -> Mono.fromCompletionStage(() -> kafkaHealthAdminClient
                        .describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                        .clusterId()
                        .toCompletionStage())
                .timeout(TIMEOUT.plusMillis(500))
                .map(clusterId -> Health.up()
                        .withDetail("clusterId", clusterId)
                        .withDetail("bootstrapServers", bootstrapServers)
                        .build())
                .onErrorResume(e -> Mono.just(Health.down()
                        .withDetail("bootstrapServers", bootstrapServers)
                        .withDetail("error", String.valueOf(e.getMessage()))
                        .build()));
    }
}
