package com.stack.sandbox.circle.notifications.app;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The key Circle signs its webhook notifications with: an EC P-256 key pair generated at startup (on
 * the main thread before the server accepts requests, never on an event loop) under a random key id,
 * held in memory only. Receivers fetch the public half by id from
 * {@code GET /v2/notifications/publicKey/{id}} as base64 SubjectPublicKeyInfo (DER).
 */
@Component
public class NotificationSigningKey {

    public static final String ALGORITHM = "ECDSA_SHA_256";
    public static final String SIGNATURE_HEADER = "X-Circle-Signature";
    public static final String KEY_ID_HEADER = "X-Circle-Key-Id";

    private final String id;
    private final KeyPair keyPair;
    private final String publicKeyBase64;
    private final Instant createDate;

    public NotificationSigningKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.keyPair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate the sandbox's Circle notification key pair", e);
        }
        this.id = UUID.randomUUID().toString();
        this.publicKeyBase64 =
                Base64.getEncoder().encodeToString(keyPair.getPublic().getEncoded());
        this.createDate = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    public String id() {
        return id;
    }

    public String publicKeyBase64() {
        return publicKeyBase64;
    }

    public Instant createDate() {
        return createDate;
    }

    /**
     * Base64 of the DER-encoded SHA256withECDSA signature of {@code body}. On the bounded elastic
     * scheduler: ECDSA draws its nonce from SecureRandom, which may read the OS entropy pool.
     */
    public Mono<String> sign(byte[] body) {
        return Mono.fromCallable(() -> {
                    Signature signer = Signature.getInstance("SHA256withECDSA");
                    signer.initSign(keyPair.getPrivate());
                    signer.update(body);
                    return Base64.getEncoder().encodeToString(signer.sign());
                })
                .subscribeOn(Schedulers.boundedElastic());
    }
}
