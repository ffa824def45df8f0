package com.stack.onboarding.passcode.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stack.defaults.errors.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasscodePolicyTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0000", "1234", "4321", "98765", "111111", "123", "1234567", "12a4", "", "7890", "9012", "0987", "1212",
                "121212", "123123", "5656"
            })
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
    void aHugeValueIsRefusedWithoutLookingAtItsCharacters() {
        String huge = "1".repeat(10 * 1024 * 1024);
        assertThat(PasscodePolicy.isWellFormed(huge)).isFalse();
        assertThat(PasscodePolicy.isWellFormed(null)).isFalse();
        assertThat(PasscodePolicy.isWellFormed("48２6")).as("a non-ASCII digit").isFalse();
        assertThatThrownBy(() -> PasscodePolicy.requireWellFormed(huge)).isInstanceOf(InvalidInputException.class);
    }
}
