package com.stack.onboarding.notification.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Device registration at the GraphQL boundary, and the local push default when FCM is not configured. */
class LocalPushAndDeviceRegistrationTest extends PushIntegrationTest {

    static final String REGISTER =
            "mutation($t: String!, $p: DevicePlatform!) { registerDeviceToken(token: $t, platform: $p) }";
    static final String UNREGISTER = "mutation($t: String!) { unregisterDeviceToken(token: $t) }";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registerPush(registry, "stack_onboarding_push_local_test");
    }

    @Test
    void withoutFcmTheLocalDefaultRecordsEachPushItWouldSend() {
        String subject = signedUpSubject();
        UUID user = userIdOf(subject);
        String phone = registeredDevice(subject, "ANDROID");

        requestNotification(user, "Deposit complete");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(deliveriesOf(user)).containsExactly("done/1"));
        assertThat(sendsTo(phone)).containsExactly("local:sent:1");
        assertThat(notificationTitles(user)).containsExactly("Deposit complete");
    }

    @Test
    void aNotificationForAUserWithoutDevicesIsRecordedAndItsDeliveryEndsWithNothingSent() {
        UUID user = userIdOf(signedUpSubject());

        requestNotification(user, "Withdrawal complete");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(deliveriesOf(user)).containsExactly("done/1"));
        assertThat(notificationTitles(user)).containsExactly("Withdrawal complete");
    }

    @Test
    void aMalformedTokenIsRefusedWithTheField() {
        String subject = signedUpSubject();
        for (String token : new String[] {"short", "has spaces and; punctuation " + "y".repeat(40), "   "}) {
            as(subject)
                    .document(REGISTER)
                    .variable("t", token)
                    .variable("p", "IOS")
                    .execute()
                    .errors()
                    .expect(errorWithCode("BAD_USER_INPUT", "token"))
                    .verify();
        }
        // over every string's bound (512), refused before the resolver by the shared input bounds, which name the path
        as(subject)
                .document(REGISTER)
                .variable("t", "x".repeat(513))
                .variable("p", "IOS")
                .execute()
                .errors()
                .expect(errorWithCode("BAD_USER_INPUT", "registerDeviceToken.token"))
                .verify();
        assertThat(devicesOf(userIdOf(subject))).isEmpty();
    }

    @Test
    void anUnknownPlatformIsRefusedBySchema() {
        as(signedUpSubject())
                .document(REGISTER)
                .variable("t", newDeviceToken())
                .variable("p", "WINDOWS_PHONE")
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors).isNotEmpty());
    }

    @Test
    void aTokenRegisteredByAnotherUserMovesToThem() {
        String first = signedUpSubject();
        String second = signedUpSubject();
        String token = registeredDevice(first, "IOS");

        as(second)
                .document(REGISTER)
                .variable("t", token)
                .variable("p", "ANDROID")
                .execute()
                .path("registerDeviceToken")
                .entity(Boolean.class)
                .isEqualTo(true);

        assertThat(devicesOf(userIdOf(first))).isEmpty();
        assertThat(devicesOf(userIdOf(second))).containsExactly(token);
        as(first)
                .document(UNREGISTER)
                .variable("t", token)
                .execute()
                .path("unregisterDeviceToken")
                .entity(Boolean.class)
                .isEqualTo(false);
        as(second)
                .document(UNREGISTER)
                .variable("t", token)
                .execute()
                .path("unregisterDeviceToken")
                .entity(Boolean.class)
                .isEqualTo(true);
        assertThat(devicesOf(userIdOf(second))).isEmpty();
    }

    @Test
    void registeringIsIdempotentAndNeedsASignedUpUser() {
        String subject = signedUpSubject();
        String token = registeredDevice(subject, "IOS");
        as(subject)
                .document(REGISTER)
                .variable("t", token)
                .variable("p", "IOS")
                .execute()
                .path("registerDeviceToken")
                .entity(Boolean.class)
                .isEqualTo(true);
        assertThat(devicesOf(userIdOf(subject))).containsExactly(token);

        as(newSubject())
                .document(REGISTER)
                .variable("t", newDeviceToken())
                .variable("p", "IOS")
                .execute()
                .errors()
                .expect(errorWithCode("NOT_FOUND"))
                .verify();
    }
}
