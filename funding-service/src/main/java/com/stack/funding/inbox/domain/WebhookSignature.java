package com.stack.funding.inbox.domain;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Circle's webhook signatures: ECDSA over P-256 with SHA-256, DER-encoded and base64 in
 * {@code X-Circle-Signature}, over the raw body bytes exactly as received (never a re-serialization
 * of parsed JSON). Public keys come base64 as X.509 SubjectPublicKeyInfo (DER).
 */
public final class WebhookSignature {

    public static final String ALGORITHM = "SHA256withECDSA";
    private static final int P256_FIELD_BITS = 256;

    private WebhookSignature() {}

    /**
     * Whether {@code base64Signature} is {@code key}'s signature of {@code body}. False, never an
     * exception, for anything a sender controls: missing, not base64, not DER, not matching.
     */
    public static boolean verifies(PublicKey key, byte[] body, String base64Signature) {
        if (base64Signature == null || base64Signature.isBlank()) {
            return false;
        }
        try {
            byte[] der = Base64.getDecoder().decode(base64Signature.strip());
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(body);
            return verifier.verify(der);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * The P-256 public key from its base64 SubjectPublicKeyInfo. Refuses any other key (another curve,
     * RSA): a signature is only as good as the algorithm Circle documents.
     */
    public static PublicKey p256PublicKey(String base64Spki) {
        try {
            PublicKey key = KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64Spki.strip())));
            if (!(key instanceof ECPublicKey ec)
                    || ec.getParams().getCurve().getField().getFieldSize() != P256_FIELD_BITS) {
                throw new IllegalArgumentException("Not a P-256 public key");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Not a base64 P-256 SubjectPublicKeyInfo: " + e.getMessage(), e);
        }
    }
}
