package com.stack.defaults.messaging;

import java.util.List;

import com.stack.defaults.messaging.transport.MessageTransport;
import com.stack.defaults.messaging.transport.ReactorKafkaTransport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The event backbone for a service with a database: the Kafka transport, the outbox and its relay
 * when {@code stack.messaging.publishes=true}, and one idempotent consumer running every
 * {@link EventSubscription} bean. Active wherever {@code stack.kafka.bootstrap-servers} is set.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration"
        })
@ConditionalOnClass(DatabaseClient.class)
@ConditionalOnBean({DatabaseClient.class, ReactiveTransactionManager.class})
@ConditionalOnProperty("stack.kafka.bootstrap-servers")
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    @ConditionalOnMissingBean
    MessagingMetrics messagingMetrics(ObjectProvider<MeterRegistry> registry) {
        return new MessagingMetrics(registry.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    @ConditionalOnMissingBean
    TracePropagation tracePropagation(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new TracePropagation(tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    MessageTransport messageTransport(
            @Value("${stack.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${spring.application.name:stack}") String application,
            MessagingMetrics metrics,
            MessagingProperties properties) {
        MessagingProperties.TopicSettings topics = properties.topics();
        return new ReactorKafkaTransport(
                bootstrapServers,
                application,
                metrics.registry(),
                ReactorKafkaTransport.Settings.defaults()
                        .withTopics(
                                topics.partitions(), (short) topics.replicationFactor(), topics.minInsyncReplicas()));
    }

    @Bean
    EventConsumer eventConsumer(
            ObjectProvider<EventSubscription<?>> subscriptions,
            MessageTransport transport,
            DatabaseClient db,
            ReactiveTransactionManager transactionManager,
            EventCodec codec,
            MessagingMetrics metrics,
            TracePropagation trace,
            MessagingProperties properties,
            @Value("${spring.application.name:stack}") String application) {
        String group = properties.consumerGroup() != null ? properties.consumerGroup() : application;
        List<EventSubscription<?>> all = subscriptions.orderedStream().toList();
        // an operator of our own rather than a bean: the service keeps Boot's single TransactionalOperator
        return new EventConsumer(
                group,
                all,
                transport,
                db,
                TransactionalOperator.create(transactionManager),
                codec,
                metrics,
                trace,
                properties);
    }

    @Bean
    ProcessedEventsRetention processedEventsRetention(
            DatabaseClient db, MessagingProperties properties, EventConsumer consumer) {
        return new ProcessedEventsRetention(
                db,
                properties.consumer().dedupeRetention(),
                properties.consumer().dedupeSweepInterval(),
                !consumer.topics().isEmpty());
    }

    @Bean
    DeadLetters deadLetters(
            EventConsumer consumer,
            MessageTransport transport,
            MessagingMetrics metrics,
            MessagingProperties properties) {
        return new DeadLetters(
                transport,
                consumer.group(),
                consumer.topics(),
                properties.deadLetters().refreshInterval(),
                metrics.registry());
    }

    @Bean
    ConsumerLag consumerLag(
            EventConsumer consumer,
            MessageTransport transport,
            MessagingMetrics metrics,
            MessagingProperties properties) {
        return new ConsumerLag(
                transport,
                consumer.group(),
                consumer.topics(),
                properties.consumer().lagRefreshInterval(),
                metrics.registry());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class DeadLetterOperations {

        @Bean
        @ConditionalOnMissingBean
        DeadLettersEndpoint deadLettersEndpoint(DeadLetters deadLetters) {
            return new DeadLettersEndpoint(deadLetters);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "stack.messaging.publishes", havingValue = "true")
    static class Publishing {

        @Bean
        OutboxRelay outboxRelay(
                DatabaseClient db,
                ReactiveTransactionManager transactionManager,
                MessageTransport transport,
                EventCodec codec,
                MessagingMetrics metrics,
                MessagingProperties properties) {
            return new OutboxRelay(
                    db,
                    TransactionalOperator.create(transactionManager),
                    transport,
                    codec,
                    metrics,
                    properties.relay());
        }

        @Bean
        Outbox outbox(
                DatabaseClient db,
                EventCodec codec,
                TracePropagation trace,
                MessagingProperties properties,
                OutboxRelay relay,
                @Value("${spring.application.name:stack}") String application) {
            String source = properties.source() != null ? properties.source() : "/stack/" + application;
            return new Outbox(db, codec, trace, properties, source, relay::wake);
        }
    }
}
