package com.stack.defaults.circle;

import java.security.PublicKey;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The {@code entitySecretCiphertext} every Circle wallet write carries: the entity secret encrypted afresh
 * for each attempt ({@link EntitySecretCipher}) under Circle's entity public key, which is fetched on first
 * use ({@code GET /v1/w3s/config/entity/publicKey}), kept, and fetched again after a failed fetch or once
 * the caller saw Circle refuse a ciphertext ({@link #forgetPublicKey()}: the key may have been rotated).
 * The fetch is the caller's own request, so its failures are translated as the caller's other calls are.
 */
public final class EntitySecretCiphertexts {

    public static final String PUBLIC_KEY_PATH = "/v1/w3s/config/entity/publicKey";

    private final EntitySecretCipher cipher;
    private final Mono<String> publicKeyPem;
    private final AtomicReference<PublicKey> publicKey = new AtomicReference<>();

    /**
     * @param entitySecret the 32-byte entity secret
     * @param publicKeyPem the caller's {@code GET} of {@link #PUBLIC_KEY_PATH}, emitting the key's PEM (a
     *                     {@link PublicKeyAnswer}'s); subscribed to only when no key is known
     */
    public EntitySecretCiphertexts(byte[] entitySecret, Mono<String> publicKeyPem) {
        this.cipher = new EntitySecretCipher(entitySecret);
        this.publicKeyPem = publicKeyPem;
    }

    /** A ciphertext never sent before, under the known key or one fetched now. */
    public Mono<String> next() {
        return publicKey().flatMap(cipher::encryptFor);
    }

    /** Circle refused a ciphertext as undecryptable: fetch the key again before the next one. */
    public void forgetPublicKey() {
        publicKey.set(null);
    }

    private Mono<PublicKey> publicKey() {
        return Mono.defer(() -> {
            PublicKey known = publicKey.get();
            return known != null
                    ? Mono.just(known)
                    : publicKeyPem
                            // parsing loads key factories; like the encryption, kept off the event loop
                            .publishOn(Schedulers.boundedElastic())
                            .map(EntitySecretCipher::parsePublicKey)
                            .doOnNext(publicKey::set);
        });
    }

    /** Circle's answer to {@link #PUBLIC_KEY_PATH}: {@code {"data": {"publicKey": "-----BEGIN PUBLIC KEY-----..."}}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PublicKeyAnswer(Data data) {

        @JsonIgnoreProperties(ignoreUnknown = true)
        public record Data(String publicKey) {}

        /** The PEM, or null when Circle answered without one. */
        public String pem() {
            return data == null ? null : data.publicKey();
        }
    }
}
