package com.stack.defaults.circle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class EntitySecretCipherTest {

    static final byte[] SECRET = "local-only-entity-secret-32bytez".getBytes(StandardCharsets.US_ASCII);
    static KeyPair circleKeys;

    @BeforeAll
    static void circlesEntityKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        circleKeys = generator.generateKeyPair();
    }

    final EntitySecretCipher cipher = new EntitySecretCipher(SECRET);

    static byte[] decrypt(String ciphertext, PrivateKey key) throws GeneralSecurityException {
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, key, EntitySecretCipher.OAEP_SHA256);
        return rsa.doFinal(Base64.getDecoder().decode(ciphertext));
    }

    @Test
    void theCiphertextDecryptsToTheEntitySecretWithCirclesPrivateKey() throws GeneralSecurityException {
        String ciphertext = cipher.encryptFor(circleKeys.getPublic()).block(Duration.ofSeconds(10));

        // a 2048-bit RSA block, base64
        assertThat(Base64.getDecoder().decode(ciphertext)).hasSize(256);
        assertThat(decrypt(ciphertext, circleKeys.getPrivate())).isEqualTo(SECRET);
    }

    @Test
    void everyCiphertextIsFreshAndAllDecryptToTheSameSecret() throws GeneralSecurityException {
        String first = cipher.encryptFor(circleKeys.getPublic()).block(Duration.ofSeconds(10));
        String second = cipher.encryptFor(circleKeys.getPublic()).block(Duration.ofSeconds(10));

        assertThat(first).isNotEqualTo(second);
        assertThat(decrypt(first, circleKeys.getPrivate()))
                .isEqualTo(decrypt(second, circleKeys.getPrivate()))
                .isEqualTo(SECRET);
    }

    @Test
    void theMaskUsesSha256NotJavasDefaultSha1() throws GeneralSecurityException {
        String ciphertext = cipher.encryptFor(circleKeys.getPublic()).block(Duration.ofSeconds(10));
        Cipher javaDefault = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        // this transformation's default parameters are SHA-256 for the digest but MGF1 with SHA-1
        javaDefault.init(Cipher.DECRYPT_MODE, circleKeys.getPrivate());

        assertThatThrownBy(() -> javaDefault.doFinal(Base64.getDecoder().decode(ciphertext)))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void encryptingFromAnEventLoopThreadDoesNotBlockIt() {
        // Mono.delay hands over on a parallel (non-blocking) thread; BlockHound fails the test on blocking there
        String ciphertext = Mono.delay(Duration.ZERO)
                .flatMap(tick -> cipher.encryptFor(circleKeys.getPublic()))
                .block(Duration.ofSeconds(10));

        assertThat(ciphertext).isNotBlank();
    }

    @Test
    void circlesPemPublicKeyIsRead() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(circleKeys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";

        assertThat(EntitySecretCipher.parsePublicKey(pem)).isEqualTo(circleKeys.getPublic());
        assertThatThrownBy(() -> EntitySecretCipher.parsePublicKey(
                        "-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyA32ByteSecretIsAccepted() {
        assertThatThrownBy(() -> new EntitySecretCipher(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThat(new EntitySecretCipher(SECRET).toString())
                .doesNotContain(HexFormat.of().formatHex(SECRET))
                .doesNotContain(new String(SECRET, StandardCharsets.US_ASCII));
    }
}
