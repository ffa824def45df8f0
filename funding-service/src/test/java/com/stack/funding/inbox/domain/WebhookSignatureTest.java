package com.stack.funding.inbox.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Circle's webhook signature scheme and the replay window, without Spring. */
class WebhookSignatureTest {

    static final KeyPair CIRCLE = generate("EC", new ECGenParameterSpec("secp256r1"));
    static final byte[] BODY =
            "{\"notificationId\":\"n-1\",\"notification\":{\"amounts\":[\"125.00\"]}}".getBytes(StandardCharsets.UTF_8);

    static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(KeyPair key, byte[] body) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key.getPrivate());
        signer.update(body);
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    static String spki(KeyPair key) {
        return Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    }

    @Test
    void circlesSignatureOfTheRawBodyVerifiesWithItsPublishedKey() throws GeneralSecurityException {
        assertThat(WebhookSignature.verifies(WebhookSignature.p256PublicKey(spki(CIRCLE)), BODY, sign(CIRCLE, BODY)))
                .isTrue();
    }

    @Test
    void aBodyChangedByOneByteDoesNotVerify() throws GeneralSecurityException {
        String signature = sign(CIRCLE, BODY);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 5] = '9';
        assertThat(WebhookSignature.verifies(CIRCLE.getPublic(), tampered, signature))
                .isFalse();
    }

    @Test
    void aBodyReformattedAfterSigningDoesNotVerify() throws GeneralSecurityException {
        String signature = sign(CIRCLE, BODY);
        byte[] reformatted =
                new String(BODY, StandardCharsets.UTF_8).replace(":", ": ").getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.verifies(CIRCLE.getPublic(), reformatted, signature))
                .isFalse();
    }

    @Test
    void anotherKeysSignatureDoesNotVerify() throws GeneralSecurityException {
        KeyPair stranger = generate("EC", new ECGenParameterSpec("secp256r1"));
        assertThat(WebhookSignature.verifies(CIRCLE.getPublic(), BODY, sign(stranger, BODY)))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not base64 !!", "AAAA", "MEUCIQ=="})
    void aMissingOrMalformedSignatureIsFalseNotAnError(String signature) {
        assertThat(WebhookSignature.verifies(CIRCLE.getPublic(), BODY, signature))
                .isFalse();
    }

    @Test
    void noSignatureIsFalse() {
        assertThat(WebhookSignature.verifies(CIRCLE.getPublic(), BODY, null)).isFalse();
    }

    @Test
    void onlyP256KeysAreTaken() {
        assertThatThrownBy(
                        () -> WebhookSignature.p256PublicKey(spki(generate("EC", new ECGenParameterSpec("secp384r1")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSignature.p256PublicKey(spki(generate("RSA", null))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSignature.p256PublicKey("bm90IGEga2V5"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(WebhookSignature.p256PublicKey(spki(CIRCLE))).isEqualTo(CIRCLE.getPublic());
    }

    @Test
    void theReplayWindowAdmitsTimestampsWithinItsWidthEitherWay() {
        ReplayWindow window = new ReplayWindow(Duration.ofMinutes(5));
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        assertThat(window.admits(now, now)).isTrue();
        assertThat(window.admits(now.minus(Duration.ofMinutes(5)), now)).isTrue();
        assertThat(window.admits(now.plus(Duration.ofMinutes(5)), now)).isTrue();
        assertThat(window.admits(now.minus(Duration.ofMinutes(5)).minusMillis(1), now))
                .isFalse();
        assertThat(window.admits(now.plus(Duration.ofMinutes(5)).plusMillis(1), now))
                .isFalse();
        assertThatThrownBy(() -> new ReplayWindow(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
