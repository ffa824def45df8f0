package com.stack.onboarding.notification.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.NotificationRequested;
import com.stack.defaults.messaging.Outbox;
import com.stack.onboarding.OnboardingApplication;
import com.stack.onboarding.notification.app.RequestedNotifications;
import com.stack.testsupport.SubgraphIntegrationTest;
import com.stack.testsupport.TestSocket;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * {@code notificationReceived} over graphql-transport-ws against the real PostgreSQL, Kafka and Redis: a
 * NotificationRequested for the caller, appended to an outbox as another service does and consumed from Kafka,
 * reaches the caller's stream once it is recorded; another user's never does; a notification recorded again (same
 * event) or in a transaction that rolled back is not sent.
 */
@SpringBootTest(
        classes = OnboardingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=onboarding-service")
class NotificationReceivedTest extends SubgraphIntegrationTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String RECEIVED = "subscription { notificationReceived { id kind title body read createdAt } }";

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    RequestedNotifications requestedNotifications;
    /** The Redis the service uses (its default, 127.0.0.1:6379), to see who listens. */
    final RedisClient redisClient = RedisClient.create("redis://127.0.0.1:6379");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registerService(registry, "stack_onboarding_live_test");
    }

    /** A socket to the service's {@code /graphql} for the subject, subscribed to notificationReceived and listening. */
    TestSocket subscribed(String subject) {
        TestSocket socket = TestSocket.open(
                port,
                "/graphql",
                "Bearer " + ISSUER.token(subject, subject + "@example.com"),
                List.of(TestSocket.SUBPROTOCOL));
        socket.send(Map.of("type", "connection_init"));
        assertThat(socket.next()).containsEntry("type", "connection_ack");
        socket.send(Map.of("id", "1", "type", "subscribe", "payload", Map.of("query", RECEIVED)));
        awaitListening(userIdOf(subject));
        return socket;
    }

    /**
     * Waits until the user's channel has a subscriber: the subscription sends nothing when it listens, and a
     * notification recorded before that is (by design) not on the stream.
     */
    void awaitListening(UUID userId) {
        String channel = "stack:onboarding:notifications:" + userId;
        Instant deadline = Instant.now().plus(TIMEOUT);
        try (StatefulRedisConnection<String, String> connection = redisClient.connect()) {
            while (Instant.now().isBefore(deadline)) {
                if (connection.sync().pubsubNumsub(channel).getOrDefault(channel, 0L) > 0) {
                    return;
                }
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("no subscriber on " + channel);
    }

    /** A new user who has signed up (a notification belongs to a user); returns the subject. */
    String signedUpSubject() {
        String subject = newSubject();
        as(subject)
                .document("mutation { signUp(input: {email: \"" + UUID.randomUUID() + "@example.com\"}) { id } }")
                .execute()
                .path("signUp.id")
                .hasValue();
        return subject;
    }

    static EventEnvelope<NotificationRequested> requested(UUID userId, String title) {
        return EventEnvelope.of(
                "/stack/funding-service",
                new NotificationRequested(
                        userId, "DEPOSIT_FUNDED", title, "Your deposit of $25.00 is in your account."));
    }

    /** Appends a NotificationRequested for the user to the outbox, as another service would. */
    void requestNotification(UUID userId, String title) {
        transactions.transactional(outbox.append(requested(userId, title))).block(TIMEOUT);
    }

    /** The next message, which must be the subscription's next notification. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> nextNotification(TestSocket socket) {
        Map<String, Object> message = socket.next();
        assertThat(message).containsEntry("id", "1").containsEntry("type", "next");
        Map<?, ?> data = (Map<?, ?>) ((Map<?, ?>) message.get("payload")).get("data");
        return (Map<String, Object>) data.get("notificationReceived");
    }

    @AfterEach
    void closeRedisClient() {
        redisClient.shutdown();
    }

    @Test
    void aRequestedNotificationReachesItsUsersStreamAndNoOtherUsers() {
        String ada = signedUpSubject();
        String bob = signedUpSubject();
        try (TestSocket adas = subscribed(ada);
                TestSocket bobs = subscribed(bob)) {
            requestNotification(userIdOf(ada), "For Ada");
            Map<String, Object> received = nextNotification(adas);
            assertThat(received)
                    .containsEntry("kind", "DEPOSIT_FUNDED")
                    .containsEntry("title", "For Ada")
                    .containsEntry("body", "Your deposit of $25.00 is in your account.")
                    .containsEntry("read", false);
            assertThat((String) received.get("createdAt")).isNotBlank();
            // the same notification the inbox lists
            as(ada).document("{ notifications { id title } }")
                    .execute()
                    .path("notifications[0].id")
                    .entity(String.class)
                    .isEqualTo((String) received.get("id"));

            requestNotification(userIdOf(bob), "For Bob");
            assertThat(nextNotification(bobs)).containsEntry("title", "For Bob");

            assertThat(adas.nextWithin(Duration.ofMillis(700))).isNull();
            assertThat(bobs.nextWithin(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void aNotificationRecordedAgainOrRolledBackIsNotSent() {
        String ada = signedUpSubject();
        UUID adaId = userIdOf(ada);
        try (TestSocket adas = subscribed(ada)) {
            EventEnvelope<NotificationRequested> rolledBack = requested(adaId, "Rolled back");
            transactions
                    .execute(transaction -> {
                        transaction.setRollbackOnly();
                        return requestedNotifications.handle(rolledBack);
                    })
                    .blockLast(TIMEOUT);

            EventEnvelope<NotificationRequested> once = requested(adaId, "Once");
            transactions.transactional(requestedNotifications.handle(once)).block(TIMEOUT);
            assertThat(nextNotification(adas)).containsEntry("title", "Once");

            transactions.transactional(requestedNotifications.handle(once)).block(TIMEOUT);
            assertThat(adas.nextWithin(Duration.ofMillis(700))).isNull();
        }
    }
}
