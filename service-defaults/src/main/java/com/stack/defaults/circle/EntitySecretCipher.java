package com.stack.defaults.circle;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Circle's {@code entitySecretCiphertext}: the 32-byte entity secret encrypted with RSA-OAEP under the
 * entity public key, base64. OAEP is randomized, so every call gives a fresh ciphertext; Circle refuses a
 * ciphertext it has seen before. Circle uses SHA-256 for both the OAEP digest and MGF1, while Java's
 * default for "OAEPPadding" is MGF1 with SHA-1: hence the explicit parameters.
 */
public final class EntitySecretCipher {

    public static final String TRANSFORMATION = "RSA/ECB/OAEPPadding";
    public static final OAEPParameterSpec OAEP_SHA256 =
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    private final byte[] entitySecret;

    public EntitySecretCipher(byte[] entitySecret) {
        if (entitySecret.length != 32) {
            throw new IllegalArgumentException("The entity secret is 32 bytes, got " + entitySecret.length);
        }
        this.entitySecret = entitySecret.clone();
    }

    /**
     * A fresh ciphertext under {@code publicKey}. On boundedElastic on purpose: the padding draws from the
     * JDK's SecureRandom, whose first use may block while it seeds.
     */
    public Mono<String> encryptFor(PublicKey publicKey) {
        return Mono.fromCallable(() -> encrypt(publicKey)).subscribeOn(Schedulers.boundedElastic());
    }

    String encrypt(PublicKey publicKey) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.ENCRYPT_MODE, publicKey, OAEP_SHA256);
        return Base64.getEncoder().encodeToString(cipher.doFinal(entitySecret));
    }

    /** Reads Circle's entity public key: a PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo) block. */
    public static PublicKey parsePublicKey(String pem) {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Circle's entity public key is not an RSA public key in PEM form", e);
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "EntitySecretCipher[secret=<" + entitySecret.length + " bytes>]";
    }
}
