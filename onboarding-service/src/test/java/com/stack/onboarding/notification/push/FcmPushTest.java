package com.stack.onboarding.notification.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.NotificationRequested;
import com.stack.onboarding.notification.app.RequestedNotifications;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Pushes through FCM as the partner sandbox emulates it, over HTTP: onboarding is configured with the sandbox's
 * service account key file (so it signs real RS256 assertions for Google's token endpoint) and FCM base URL.
 */
class FcmPushTest extends PushIntegrationTest {

    static final PartnerSandboxServer SANDBOX = PartnerSandboxServer.start();
    static final Duration WAIT = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registerPush(registry, "stack_onboarding_push_fcm_test");
        registry.add("stack.push.fcm.credentials-json", SANDBOX::serviceAccountJson);
        registry.add("stack.push.fcm.base-url", () -> SANDBOX.url() + "/fcm");
        registry.add("stack.push.fcm.resilience.initial-backoff", () -> "20ms");
        registry.add("stack.push.fcm.resilience.max-backoff", () -> "50ms");
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Autowired
    RequestedNotifications requestedNotifications;

    @Test
    void aRequestedNotificationIsRecordedAndPushedOnceToEachDeviceEvenWhenRedelivered() {
        String subject = signedUpSubject();
        UUID user = userIdOf(subject);
        String phone = registeredDevice(subject, "IOS");
        String tablet = registeredDevice(subject, "ANDROID");

        EventEnvelope<NotificationRequested> event = requestNotification(user, "Deposit complete");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(SANDBOX.messagesTo(phone)).hasSize(1);
            assertThat(SANDBOX.messagesTo(tablet)).hasSize(1);
        });
        assertThat(SANDBOX.messagesTo(phone).get(0)).satisfies(message -> {
            assertThat(message.get("notification"))
                    .isEqualTo(
                            Map.of("title", "Deposit complete", "body", "Your deposit of $25.00 is in your account."));
            assertThat(message.get("data"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("kind", "DEPOSIT_FUNDED")
                    .containsKey("notificationId");
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(deliveriesOf(user)).containsExactly("done/1"));
        assertThat(sendsTo(phone)).containsExactly("fcm:sent:1");

        // Kafka delivers the event again (the relay lost its acknowledgement): the consumer finds it processed
        db.sql(
                        "UPDATE outbox_events SET state = 'pending', claimed_until = NULL, next_attempt_at = now() WHERE event_id = :id")
                .bind("id", event.id())
                .fetch()
                .rowsUpdated()
                .block();
        await().atMost(WAIT)
                .until(() -> db.sql("SELECT send_count FROM outbox_events WHERE event_id = :id AND state = 'published'")
                                .bind("id", event.id())
                                .map(row -> row.get("send_count", Integer.class))
                                .one()
                                .blockOptional()
                                .orElse(0)
                        >= 2);
        // and even a redelivery past the processed-event record: the notification exists, nothing is pushed again
        transactions.transactional(requestedNotifications.handle(event)).block();

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(SANDBOX.messagesTo(phone)).hasSize(1);
            assertThat(SANDBOX.messagesTo(tablet)).hasSize(1);
        });
        assertThat(notificationTitles(user)).containsExactly("Deposit complete");
        assertThat(deliveriesOf(user)).containsExactly("done/1");
    }

    @Test
    void aTokenFcmCallsUnregisteredIsRemovedAndTheOtherDevicesStillGetThePush() {
        String subject = signedUpSubject();
        UUID user = userIdOf(subject);
        String uninstalled = registeredDevice(subject, "ANDROID");
        String current = registeredDevice(subject, "IOS");
        SANDBOX.control()
                .post()
                .uri("/fcm/unregistered-tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", uninstalled))
                .exchange()
                .expectStatus()
                .isCreated();

        requestNotification(user, "Withdrawal complete");

        await().atMost(WAIT).untilAsserted(() -> assertThat(deliveriesOf(user)).containsExactly("done/1"));
        assertThat(SANDBOX.messagesTo(current)).hasSize(1);
        assertThat(SANDBOX.messagesTo(uninstalled)).isEmpty();
        assertThat(devicesOf(user)).containsExactly(current);
        assertThat(sendsTo(uninstalled)).containsExactly("fcm:unregistered:1");
        assertThat(sendsTo(current)).containsExactly("fcm:sent:1");
    }

    @Test
    void whileFcmAnswers503ThePushIsRetriedThenDeliveredOnce() {
        String subject = signedUpSubject();
        UUID user = userIdOf(subject);
        String phone = registeredDevice(subject, "IOS");
        // more 503s than one attempt's tries (3): the first delivery attempt fails, a later one gets through
        String fault = (String) SANDBOX.control()
                .post()
                .uri("/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("partner", "fcm", "method", "POST", "status", 503, "count", 5))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(PartnerSandboxServer.JSON_OBJECT)
                .returnResult()
                .getResponseBody()
                .get("id");
        try {
            requestNotification(user, "Deposit failed");

            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(deliveriesOf(user)).containsExactly("done/2"));
            assertThat(SANDBOX.messagesTo(phone)).hasSize(1);
            assertThat(sendsTo(phone)).containsExactly("fcm:sent:2");
            assertThat(SANDBOX.control()
                            .get()
                            .uri("/faults")
                            .exchange()
                            .expectBody(PartnerSandboxServer.JSON_OBJECT)
                            .returnResult()
                            .getResponseBody()
                            .get("faults"))
                    .asList()
                    .isEmpty();
        } finally {
            SANDBOX.control().delete().uri("/faults/{id}", fault).exchange();
        }
    }
}
