package com.stack.contracts.chains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base58Test {

    @Test
    void encodesKnownVectors() {
        assertThat(Base58.encode("Hello World!".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("2NEpo7TZRRrLZSi2U");
        assertThat(Base58.encode("The quick brown fox jumps over the lazy dog.".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z");
        assertThat(Base58.encode(HexFormat.of().parseHex("0000287fb4cd"))).isEqualTo("11233QC4");
        assertThat(Base58.encode(new byte[0])).isEmpty();
    }

    @Test
    void eachLeadingZeroByteIsALeadingOneAndSurvivesTheRoundTrip() {
        assertThat(Base58.encode(new byte[32])).isEqualTo("1".repeat(32));
        assertThat(Base58.decode("1".repeat(32))).isEqualTo(new byte[32]);
        assertThat(Base58.decode("11233QC4")).isEqualTo(HexFormat.of().parseHex("0000287fb4cd"));
        byte[] zeroThenHighBit = {0, 0, (byte) 0xff, 0x01};
        assertThat(Base58.decode(Base58.encode(zeroThenHighBit))).isEqualTo(zeroThenHighBit);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 20, 31, 32, 33, 64})
    void randomBytesRoundTrip(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            // about one value in four starts with zero bytes, to exercise the leading ones
            for (int z = 0; z < random.nextInt(-length, length / 4 + 1); z++) {
                bytes[z] = 0;
            }
            assertThat(Base58.decode(Base58.encode(bytes))).isEqualTo(bytes);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "O", "I", "l", "abc0", "+", "é"})
    void charactersOutsideTheAlphabetAreRefused(String text) {
        assertThatThrownBy(() -> Base58.decode(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
