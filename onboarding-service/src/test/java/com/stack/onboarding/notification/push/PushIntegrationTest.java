package com.stack.onboarding.notification.push;

import java.util.List;
import java.util.UUID;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.NotificationRequested;
import com.stack.defaults.messaging.Outbox;
import com.stack.onboarding.OnboardingApplication;
import com.stack.testsupport.SubgraphIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The push tests' harness: onboarding against a fresh database and the test Kafka, with quick delivery retries.
 * Notifications are requested as other services do, by a NotificationRequested in the outbox, relayed through
 * Kafka to onboarding's consumer.
 */
@SpringBootTest(
        classes = OnboardingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=onboarding-service")
abstract class PushIntegrationTest extends SubgraphIntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionalOperator transactions;

    static void registerPush(DynamicPropertyRegistry registry, String database) {
        registerService(registry, database);
        registry.add("stack.push.delivery.sweep-interval", () -> "300ms");
        registry.add("stack.push.delivery.initial-backoff", () -> "200ms");
        registry.add("stack.push.delivery.max-backoff", () -> "1s");
    }

    /** A new user who has signed up; returns the subject. */
    String signedUpSubject() {
        String subject = newSubject();
        as(subject)
                .document("mutation { signUp(input: {email: \"" + UUID.randomUUID() + "@example.com\"}) { id } }")
                .execute()
                .path("signUp.id")
                .hasValue();
        return subject;
    }

    /** Registers a new device token for the user; returns it. */
    String registeredDevice(String subject, String platform) {
        String token = newDeviceToken();
        as(subject)
                .document("mutation($t: String!, $p: DevicePlatform!) { registerDeviceToken(token: $t, platform: $p) }")
                .variable("t", token)
                .variable("p", platform)
                .execute()
                .path("registerDeviceToken")
                .entity(Boolean.class)
                .isEqualTo(true);
        return token;
    }

    /** Shaped like an FCM registration token: an instance id, a colon and a long base64url payload. */
    static String newDeviceToken() {
        return "d" + UUID.randomUUID().toString().replace("-", "").substring(0, 21) + ":APA91b"
                + UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", "");
    }

    /** Appends a NotificationRequested for the user to the outbox, as another service would; returns the event. */
    EventEnvelope<NotificationRequested> requestNotification(UUID userId, String title) {
        EventEnvelope<NotificationRequested> event = EventEnvelope.of(
                "/stack/funding-service",
                new NotificationRequested(
                        userId, "DEPOSIT_FUNDED", title, "Your deposit of $25.00 is in your account."));
        transactions.transactional(outbox.append(event)).block();
        return event;
    }

    /** The user's tokens as registered now. */
    List<String> devicesOf(UUID userId) {
        return db.sql("SELECT token FROM device_tokens WHERE user_id = :user ORDER BY token")
                .bind("user", userId)
                .map(row -> row.get("token", String.class))
                .all()
                .collectList()
                .block();
    }

    /** The user's push deliveries as "status/attempts", oldest first. */
    List<String> deliveriesOf(UUID userId) {
        return db.sql("SELECT status, attempts FROM push_deliveries WHERE user_id = :user ORDER BY created_at")
                .bind("user", userId)
                .map(row -> row.get("status", String.class) + "/" + row.get("attempts", Integer.class))
                .all()
                .collectList()
                .block();
    }

    /** What became of pushes to the token: "channel:status:attempts", by notification. */
    List<String> sendsTo(String token) {
        return db.sql("SELECT channel, status, attempts FROM push_sends WHERE token = :token ORDER BY updated_at")
                .bind("token", token)
                .map(row -> row.get("channel", String.class) + ":" + row.get("status", String.class) + ":"
                        + row.get("attempts", Integer.class))
                .all()
                .collectList()
                .block();
    }

    List<String> notificationTitles(UUID userId) {
        return db.sql("SELECT title FROM notifications WHERE user_id = :user ORDER BY created_at")
                .bind("user", userId)
                .map(row -> row.get("title", String.class))
                .all()
                .collectList()
                .block();
    }
}
