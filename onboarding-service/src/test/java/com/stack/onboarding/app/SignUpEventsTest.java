package com.stack.onboarding.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.contracts.events.EventType;
import com.stack.contracts.events.Topics;
import com.stack.defaults.errors.ConflictException;
import com.stack.defaults.security.Caller;
import com.stack.onboarding.OnboardingApplication;
import com.stack.testsupport.ServiceTestProperties;
import com.stack.testsupport.TestInfrastructure;
import com.stack.testsupport.TestIssuer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Sign-up announces a new user through the outbox, once, and only when the user was created. */
@SpringBootTest(classes = OnboardingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=onboarding-service")
class SignUpEventsTest {

    static final TestIssuer ISSUER = new TestIssuer();
    static final String SUFFIX = ".signup-" + UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "stack_onboarding_events_test", ISSUER);
        registry.add("stack.messaging.topic-suffix", () -> SUFFIX);
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @Autowired
    SignUp signUp;
    @Autowired
    DatabaseClient db;

    @Test
    void aNewUserIsPublishedOnceAndARepeatedSignUpPublishesNothing() {
        Caller caller = new Caller(UUID.randomUUID(), "auth0|" + UUID.randomUUID(), null);

        signUp.signUp(caller, "ada-" + caller.userId() + "@example.com", null).block();
        signUp.signUp(caller, "ada-" + caller.userId() + "@example.com", null).block();

        List<ConsumerRecord<String, String>> records = read(caller.userId().toString(), Duration.ofSeconds(20));
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(header(record, "ce_type")).isEqualTo(EventType.USER_REGISTERED.type());
            assertThat(header(record, "ce_source")).isEqualTo("/stack/onboarding-service");
            assertThat(header(record, "ce_subject")).isEqualTo(caller.userId().toString());
            assertThat(record.value()).contains("\"userId\":\"" + caller.userId() + "\"");
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(outboxStates(caller.userId()))
                .containsExactly(Map.entry("published", 1L)));
    }

    @Test
    void aSignUpRefusedForATakenEmailPublishesNothing() {
        String email = "taken-" + UUID.randomUUID() + "@example.com";
        signUp.signUp(new Caller(UUID.randomUUID(), "auth0|" + UUID.randomUUID(), null), email, null).block();
        Caller second = new Caller(UUID.randomUUID(), "auth0|" + UUID.randomUUID(), null);

        assertThatThrownBy(() -> signUp.signUp(second, email, null).block()).isInstanceOf(ConflictException.class);

        assertThat(outboxStates(second.userId())).isEmpty();
    }

    private Map<String, Long> outboxStates(UUID user) {
        return db.sql("SELECT state, count(*) AS n FROM outbox_events WHERE partition_key = :key GROUP BY state")
                .bind("key", user.toString())
                .map(row -> Map.entry(row.get("state", String.class), row.get("n", Long.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
    }

    /** Everything on the onboarding topic for {@code key}, read until {@code window} passes. */
    private static List<ConsumerRecord<String, String>> read(String key, Duration window) {
        String topic = Topics.ONBOARDING + SUFFIX;
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            long deadline = System.nanoTime() + window.toNanos();
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(2)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long settle = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settle)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                        settle = Math.min(settle, System.nanoTime() + Duration.ofSeconds(3).toNanos());
                    }
                }
            }
        }
        return found;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
