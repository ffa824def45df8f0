package com.stack.onboarding.user.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.contracts.events.EventType;
import com.stack.contracts.events.Topics;
import com.stack.defaults.errors.ConflictException;
import com.stack.defaults.security.Caller;
import com.stack.onboarding.OnboardingApplication;
import com.stack.onboarding.TopicRecords;
import com.stack.testsupport.ServiceTestProperties;
import com.stack.testsupport.TestIssuer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Sign-up announces a new user through the outbox, once, and only when the user was created. */
@SpringBootTest(
        classes = OnboardingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
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

        List<ConsumerRecord<String, String>> records =
                TopicRecords.read(Topics.ONBOARDING + SUFFIX, caller.userId().toString(), Duration.ofSeconds(20));
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(TopicRecords.header(record, "ce_type")).isEqualTo(EventType.USER_REGISTERED.type());
            assertThat(TopicRecords.header(record, "ce_source")).isEqualTo("/stack/onboarding-service");
            assertThat(TopicRecords.header(record, "ce_subject"))
                    .isEqualTo(caller.userId().toString());
            assertThat(record.value()).contains("\"userId\":\"" + caller.userId() + "\"");
        });
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(outboxStates(caller.userId())).containsExactly(Map.entry("published", 1L)));
    }

    @Test
    void aSignUpRefusedForATakenEmailPublishesNothing() {
        String email = "taken-" + UUID.randomUUID() + "@example.com";
        signUp.signUp(new Caller(UUID.randomUUID(), "auth0|" + UUID.randomUUID(), null), email, null)
                .block();
        Caller second = new Caller(UUID.randomUUID(), "auth0|" + UUID.randomUUID(), null);

        assertThatThrownBy(() -> signUp.signUp(second, email, null).block()).isInstanceOf(ConflictException.class);

        assertThat(outboxStates(second.userId())).isEmpty();
    }

    private Map<String, Long> outboxStates(UUID user) {
        return db.sql("SELECT state, count(*) AS n FROM outbox_events WHERE partition_key = :key GROUP BY state")
                .bind("key", user.toString())
                .map(row -> Map.entry(row.get("state", String.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .block();
    }
}
