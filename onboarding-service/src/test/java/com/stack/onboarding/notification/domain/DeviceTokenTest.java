package com.stack.onboarding.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stack.defaults.errors.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceTokenTest {

    static final String FCM_SHAPED =
            "dGhpc2lzYW5pbnN0YW5jZQ:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx2mJ_6Q1cUq-vZb4dOxl1gcS0UNG8iH3";

    @Test
    void anFcmRegistrationTokenIsAcceptedAndStripped() {
        assertThat(DeviceToken.of("  " + FCM_SHAPED + "\n").value()).isEqualTo(FCM_SHAPED);
    }

    @Test
    void anApnsHexTokenIsAccepted() {
        assertThat(DeviceToken.of("a".repeat(64)).value()).hasSize(64);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "tooShort:APA91b",
                "with spaces in the middle of a long enough token",
                "semi;colon-and-more-than-thirty-two-characters",
                "unicode\u00e9-and-more-than-thirty-two-characters-x"
            })
    void aTokenOfTheWrongLengthOrCharactersIsRefusedWithTheField(String token) {
        assertThatThrownBy(() -> DeviceToken.of(token))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("token"));
    }

    @Test
    void aTokenLongerThanTheMaximumIsRefused() {
        assertThatThrownBy(() -> DeviceToken.of("x".repeat(DeviceToken.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(DeviceToken.of("x".repeat(DeviceToken.MAX_LENGTH)).value()).hasSize(DeviceToken.MAX_LENGTH);
    }

    @Test
    void aMissingTokenIsRequired() {
        assertThatThrownBy(() -> DeviceToken.of(null)).hasMessageContaining("required");
    }
}
