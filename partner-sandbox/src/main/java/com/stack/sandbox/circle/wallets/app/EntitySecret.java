package com.stack.sandbox.circle.wallets.app;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import com.stack.sandbox.circle.wallets.config.CircleSandboxProperties;
import com.stack.sandbox.circle.wallets.domain.CircleException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The entity secret check of every Circle write. The sandbox holds an RSA 2048 key pair (generated
 * at startup, on the main thread before the server accepts requests; never on an event loop) and
 * serves the public key; a write carries the 32-byte entity secret encrypted under it with RSA-OAEP,
 * SHA-256 and MGF1 with SHA-256, base64-encoded, fresh for every request.
 *
 * <p>Java's {@code "RSA/ECB/OAEPWithSHA-256AndMGF1Padding"} without parameters uses MGF1 with SHA-1:
 * such a ciphertext does not decrypt here, exactly as Circle refuses it.
 */
@Component
public class EntitySecret {

    private static final OAEPParameterSpec OAEP_SHA256 =
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    private final KeyPair keyPair;
    private final String publicKeyPem;
    private final byte[] expected;
    /** Every ciphertext accepted so far, so a replayed one is refused. Grows for the sandbox's lifetime. */
    private final Set<String> used = ConcurrentHashMap.newKeySet();

    public EntitySecret(CircleSandboxProperties properties) {
        this.keyPair = generateKeyPair();
        this.publicKeyPem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keyPair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        this.expected = properties.entitySecretBytes();
    }

    private static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate the sandbox's Circle entity key pair", e);
        }
    }

    /** The public key in PEM (SubjectPublicKeyInfo), as {@code GET /v1/w3s/config/entity/publicKey} serves it. */
    public String publicKeyPem() {
        return publicKeyPem;
    }

    /**
     * Completes when {@code ciphertext} decrypts to the configured entity secret and was never used
     * before (it is used from now on); fails with Circle's 401 (156016) or 400 (156017) otherwise.
     * RSA decryption runs on the bounded elastic scheduler: it is CPU work, and the JDK's RSA
     * blinding draws from SecureRandom, which may read the OS entropy pool.
     */
    public Mono<Void> verify(String ciphertext) {
        return Mono.fromCallable(() -> {
                    byte[] encrypted = decode(ciphertext);
                    if (!MessageDigest.isEqual(decrypt(encrypted), expected)) {
                        throw CircleException.invalidCiphertext();
                    }
                    // keyed by the bytes, so the same ciphertext written another way is still a replay
                    return Base64.getEncoder().encodeToString(encrypted);
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(accepted ->
                        used.add(accepted) ? Mono.<Void>empty() : Mono.error(CircleException.ciphertextReused()));
    }

    private static byte[] decode(String ciphertext) {
        try {
            return Base64.getDecoder().decode(ciphertext.strip());
        } catch (IllegalArgumentException notBase64) {
            throw CircleException.invalidCiphertext();
        }
    }

    private byte[] decrypt(byte[] encrypted) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.DECRYPT_MODE, keyPair.getPrivate(), OAEP_SHA256);
            return cipher.doFinal(encrypted);
        } catch (GeneralSecurityException e) {
            // not our key, not OAEP with SHA-256 and MGF1-SHA-256, not RSA at all: all the same to the caller
            throw CircleException.invalidCiphertext();
        }
    }
}
