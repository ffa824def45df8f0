package com.stack.funding.inbox.domain;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Due's webhook signatures: Ed25519 over the raw body bytes exactly as received, lowercase (or any case)
 * hex in {@code X-Webhook-Signature}. The public key comes per webhook endpoint as a PEM (or bare base64)
 * X.509 SubjectPublicKeyInfo.
 */
public final class Ed25519WebhookSignature {

    private Ed25519WebhookSignature() {}

    /** Whether {@code hexSignature} is {@code key}'s signature of {@code body}; false for anything malformed. */
    public static boolean verifies(PublicKey key, byte[] body, String hexSignature) {
        if (hexSignature == null || hexSignature.isBlank()) {
            return false;
        }
        try {
            byte[] signature = HexFormat.of().parseHex(hexSignature.strip().toLowerCase(java.util.Locale.ROOT));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(body);
            return verifier.verify(signature);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** The Ed25519 public key from PEM or base64 SubjectPublicKeyInfo; refuses any other kind of key. */
    public static PublicKey publicKey(String pemOrBase64) {
        try {
            String base64 = pemOrBase64
                    .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "")
                    .replaceAll("\\s", "");
            PublicKey key = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
                throw new IllegalArgumentException("Not an Ed25519 key");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Not an Ed25519 public key: " + e.getMessage(), e);
        }
    }
}
