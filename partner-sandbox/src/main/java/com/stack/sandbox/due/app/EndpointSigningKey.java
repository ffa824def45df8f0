package com.stack.sandbox.due.app;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The Ed25519 key pair of one webhook endpoint: Due signs every webhook to the endpoint with the
 * private half, and shows the public half as PEM (X.509 SubjectPublicKeyInfo) when the endpoint is
 * created or listed. Held in memory only. Generating draws from SecureRandom, which may read the OS
 * entropy pool: callers generate on the main thread or the bounded elastic scheduler, never on an event
 * loop. Signing is deterministic (RFC 8032) and reads no entropy.
 */
final class EndpointSigningKey {

    static final String ALGORITHM = "Ed25519";

    private final KeyPair keyPair;
    private final String publicKeyPem;

    private EndpointSigningKey(KeyPair keyPair) {
        this.keyPair = keyPair;
        this.publicKeyPem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(keyPair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    static EndpointSigningKey generate() {
        try {
            return new EndpointSigningKey(
                    KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an Ed25519 key pair for a Due webhook endpoint", e);
        }
    }

    String publicKeyPem() {
        return publicKeyPem;
    }

    /** The lowercase hex of the Ed25519 signature of {@code body}, as {@code X-Webhook-Signature} carries it. */
    String signHex(byte[] body) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(keyPair.getPrivate());
            signer.update(body);
            return HexFormat.of().formatHex(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a Due webhook", e);
        }
    }
}
