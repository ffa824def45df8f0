package com.stack.contracts.chains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EthereumAddressTest {

    static final String VECTOR = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    @ParameterizedTest
    @ValueSource(
            strings = {
                VECTOR,
                "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"
            })
    void theChecksumOfTheLowercaseBytesIsTheEip55Vector(String vector) {
        byte[] bytes = HexFormat.of().parseHex(vector.substring(2).toLowerCase(Locale.ROOT));
        assertThat(EthereumAddress.checksum(bytes)).isEqualTo(vector);
        assertThat(EthereumAddress.isValid(vector)).isTrue();
    }

    @Test
    void flippingTheCaseOfOneLetterBreaksTheChecksum() {
        // 'a' at index 3 is lowercase in the vector
        String flipped = "0x5aAEb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        assertThat(flipped).isNotEqualTo(VECTOR).isEqualToIgnoringCase(VECTOR);
        assertThat(EthereumAddress.isValid(flipped)).isFalse();
    }

    @Test
    void singleCaseAddressesCarryNoChecksumAndAreValid() {
        assertThat(EthereumAddress.isValid(VECTOR.toLowerCase(Locale.ROOT))).isTrue();
        assertThat(EthereumAddress.isValid("0x" + VECTOR.substring(2).toUpperCase(Locale.ROOT)))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "0x",
                "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "0X5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe",
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedd",
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg",
                "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeZ",
                " 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
            })
    void wrongLengthPrefixOrNonHexIsInvalid(String address) {
        assertThat(EthereumAddress.isValid(address)).isFalse();
    }

    @Test
    void nullIsInvalid() {
        assertThat(EthereumAddress.isValid(null)).isFalse();
    }

    @Test
    void checksummedRandomAddressesAreValid() {
        for (int i = 0; i < 100; i++) {
            byte[] bytes = new byte[20];
            ThreadLocalRandom.current().nextBytes(bytes);
            String address = EthereumAddress.checksum(bytes);
            assertThat(address).hasSize(42).startsWith("0x");
            assertThat(EthereumAddress.isValid(address)).isTrue();
        }
    }

    @Test
    void onlyTwentyBytesHaveAnAddress() {
        assertThatThrownBy(() -> EthereumAddress.checksum(new byte[19])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EthereumAddress.checksum(new byte[21])).isInstanceOf(IllegalArgumentException.class);
    }
}
