package com.stack.onboarding.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import com.stack.defaults.errors.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasscodePolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"0000", "1234", "4321", "98765", "111111", "123", "1234567", "12a4", "", "7890", "9012",
            "0987", "1212", "121212", "123123", "5656"})
    void trivialOrMalformedPasscodesAreRejected(String passcode) {
        assertThatThrownBy(() -> PasscodePolicy.requireAcceptable(passcode)).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4826", "1357", "908172", "1123", "12341", "1221", "135790"})
    void otherPasscodesAreAccepted(String passcode) {
        PasscodePolicy.requireAcceptable(passcode);
        assertThat(PasscodePolicy.isTrivial(passcode)).isFalse();
    }

    @Test
    void aLockoutLastsItsCoolDownAndThenEnds() {
        Instant lockedUntil = Instant.parse("2026-01-01T12:15:00Z");

        assertThat(PasscodePolicy.isLocked(lockedUntil, lockedUntil.minus(PasscodePolicy.LOCKOUT))).isTrue();
        assertThat(PasscodePolicy.isLocked(lockedUntil, lockedUntil.minusSeconds(1))).isTrue();
        assertThat(PasscodePolicy.isLocked(lockedUntil, lockedUntil)).isFalse();
        assertThat(PasscodePolicy.isLocked(null, lockedUntil)).isFalse();
    }

    @Test
    void attemptsLeftCountDownFromFiveToZero() {
        assertThat(PasscodePolicy.attemptsLeft(0)).isEqualTo(5);
        assertThat(PasscodePolicy.attemptsLeft(4)).isEqualTo(1);
        assertThat(PasscodePolicy.attemptsLeft(5)).isZero();
        assertThat(PasscodePolicy.attemptsLeft(7)).isZero();
    }
}
