package com.stack.onboarding.kyc.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.stack.onboarding.kyc.domain.KycWebhookSignature.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KycWebhookSignatureTest {

    static final String SECRET = "kyc_whsec_local_only_change_me";
    static final byte[] BODY = "{\"eventId\":\"kyc_evt_1\"}".getBytes(StandardCharsets.UTF_8);
    static final long T = 1_700_000_000L;
    /** {@code printf '1700000000.{"eventId":"kyc_evt_1"}' | openssl dgst -sha256 -hmac kyc_whsec_local_only_change_me} */
    static final String OPENSSL_HEX = "818bbeb66cff571dd3801abda3533a120307dfaf67581100636c052a3972837f";

    final KycWebhookSignature signature = new KycWebhookSignature(SECRET, Duration.ofSeconds(300));
    final Instant now = Instant.ofEpochSecond(T);

    @Test
    void theSignatureIsHmacSha256OverTheTimestampDotAndTheRawBody() {
        assertThat(signature.header(T, BODY)).isEqualTo("t=" + T + ",v1=" + OPENSSL_HEX);
        assertThat(signature.verify("t=" + T + ",v1=" + OPENSSL_HEX, BODY, now)).isEqualTo(Verdict.VALID);
    }

    @Test
    void upperCaseHexSpacesAndAnExtraUnknownSchemeAreTolerated() {
        assertThat(signature.verify("t=" + T + ", v1=" + OPENSSL_HEX.toUpperCase() + ",v0=abc", BODY, now))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void anyOfSeveralSignaturesMayMatchSoTheSecretCanBeRotated() {
        String other = new KycWebhookSignature("the-old-secret", Duration.ofSeconds(300))
                .header(T, BODY)
                .split("v1=")[1];
        assertThat(signature.verify("t=" + T + ",v1=" + other + ",v1=" + OPENSSL_HEX, BODY, now))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void aChangedBodyByteDoesNotMatch() {
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 2] ^= 1;
        assertThat(signature.verify(signature.header(T, BODY), tampered, now)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void anotherTimestampDoesNotMatchTheSameHex() {
        assertThat(signature.verify("t=" + (T + 1) + ",v1=" + OPENSSL_HEX, BODY, now))
                .isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void anotherSecretDoesNotMatch() {
        String forged = new KycWebhookSignature("not-the-secret", Duration.ofSeconds(300)).header(T, BODY);
        assertThat(signature.verify(forged, BODY, now)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void aTimestampOutsideTheReplayWindowIsRefusedInEitherDirection() {
        assertThat(signature.verify(signature.header(T, BODY), BODY, now.plusSeconds(300)))
                .isEqualTo(Verdict.VALID);
        assertThat(signature.verify(signature.header(T, BODY), BODY, now.plusSeconds(301)))
                .isEqualTo(Verdict.OUTSIDE_REPLAY_WINDOW);
        assertThat(signature.verify(signature.header(T, BODY), BODY, now.minusSeconds(301)))
                .isEqualTo(Verdict.OUTSIDE_REPLAY_WINDOW);
    }

    @Test
    void aMissingHeaderIsMissing() {
        assertThat(signature.verify(null, BODY, now)).isEqualTo(Verdict.MISSING);
        assertThat(signature.verify(" ", BODY, now)).isEqualTo(Verdict.MISSING);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "v1=" + OPENSSL_HEX,
                "t=1700000000",
                "t=abc,v1=" + OPENSSL_HEX,
                "t=1700000000,v1=xyz",
                "t=1700000000,v1=818bbe",
                "t=1,t=1700000000,v1=" + OPENSSL_HEX,
                "garbage",
                "t=1700000000,,v1=" + OPENSSL_HEX
            })
    void aMalformedHeaderIsRefused(String header) {
        assertThat(signature.verify(header, BODY, now)).isEqualTo(Verdict.MALFORMED);
    }
}
