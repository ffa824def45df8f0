package com.stack.wallet.user.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.UserRegistered;
import com.stack.defaults.messaging.EventCodec;
import com.stack.defaults.messaging.transport.MessageTransport;
import com.stack.testsupport.ServiceTestProperties;
import com.stack.testsupport.TestIssuer;
import com.stack.wallet.OnboardingTopic;
import com.stack.wallet.WalletApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** wallet-service learns of users from onboarding's UserRegistered on the real broker, once per user. */
@SpringBootTest(
        classes = WalletApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=wallet-service")
class UserRegistrationsTest {

    static final TestIssuer ISSUER = new TestIssuer();
    static final String SUFFIX = ".wallet-" + UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "stack_wallet_events_test", ISSUER);
        registry.add("stack.messaging.topic-suffix", () -> SUFFIX);
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @Autowired
    MessageTransport transport;

    @Autowired
    EventCodec codec;

    @Autowired
    DatabaseClient db;

    @Test
    void aUserRegisteredDeliveredThreeTimesIsRecordedOnce() {
        UUID user = UUID.randomUUID();
        EventEnvelope<UserRegistered> event =
                OnboardingTopic.event(new UserRegistered(user, "ada@example.com", null, Instant.now()));

        new OnboardingTopic(transport, codec, SUFFIX).publish(event, 3);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                count("SELECT count(*) FROM processed_events WHERE event_id = '" + event.id() + "'"))
                        .isEqualTo(1));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(count("SELECT count(*) FROM known_users WHERE user_id = '" + user
                                + "' AND email = 'ada@example.com'"))
                        .isEqualTo(1));
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }
}
