package com.stack.contracts.chains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SolanaAddressTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "11111111111111111111111111111111",
                "So11111111111111111111111111111111111111112",
                "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
                "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"
            })
    void wellKnownAddressesAreValid(String address) {
        assertThat(SolanaAddress.isValid(address)).isTrue();
    }

    @Test
    void theAddressOfAKeyIsItsBase58AndValid() {
        for (int i = 0; i < 100; i++) {
            byte[] key = new byte[32];
            ThreadLocalRandom.current().nextBytes(key);
            String address = SolanaAddress.of(key);
            assertThat(address).hasSizeBetween(32, 44);
            assertThat(Base58.decode(address)).isEqualTo(key);
            assertThat(SolanaAddress.isValid(address)).isTrue();
        }
    }

    @Test
    void base58ThatDecodesTo31Or33BytesIsInvalid() {
        byte[] thirtyOne = new byte[31];
        Arrays.fill(thirtyOne, (byte) 0xff);
        byte[] thirtyThree = new byte[33];
        thirtyThree[1] = 0x01;
        for (byte[] bytes : new byte[][] {thirtyOne, thirtyThree}) {
            String text = Base58.encode(bytes);
            assertThat(text)
                    .as("within the length range, so only the decoded size can refuse it")
                    .hasSizeBetween(32, 44);
            assertThat(SolanaAddress.isValid(text)).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "O", "I", "l"})
    void charactersOutsideTheBase58AlphabetAreInvalid(String forbidden) {
        String valid = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v";
        assertThat(SolanaAddress.isValid(valid.substring(0, 10) + forbidden + valid.substring(11)))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1111111111111111111111111111111", "So1111111111111111111111111111111111111111111"})
    void tooShortOrTooLongIsInvalid(String address) {
        assertThat(SolanaAddress.isValid(address)).isFalse();
        assertThat(SolanaAddress.isValid(null)).isFalse();
    }

    @Test
    void onlyThirtyTwoBytesHaveAnAddress() {
        assertThatThrownBy(() -> SolanaAddress.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
