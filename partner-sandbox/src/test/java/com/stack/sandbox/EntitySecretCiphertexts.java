package com.stack.sandbox;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/** Encrypts an entity secret the way Circle's clients must (and, for the refusals, the ways they must not). */
public final class EntitySecretCiphertexts {

    private final RSAPublicKey publicKey;

    public EntitySecretCiphertexts(String publicKeyPem) {
        String base64 = publicKeyPem
                .replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** RSA-OAEP with SHA-256 and MGF1-SHA-256, base64: what Circle accepts. */
    public String encrypt(String secretHex) {
        return encrypt(
                secretHex,
                "RSA/ECB/OAEPPadding",
                new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    }

    /** Java's "OAEPWithSHA-256AndMGF1Padding" without parameters: SHA-256, but MGF1 with SHA-1. */
    public String encryptWithMgf1Sha1(String secretHex) {
        return encrypt(secretHex, "RSA/ECB/OAEPWithSHA-256AndMGF1Padding", null);
    }

    private String encrypt(String secretHex, String transformation, OAEPParameterSpec parameters) {
        try {
            Cipher cipher = Cipher.getInstance(transformation);
            if (parameters == null) {
                cipher.init(Cipher.ENCRYPT_MODE, publicKey);
            } else {
                cipher.init(Cipher.ENCRYPT_MODE, publicKey, parameters);
            }
            return Base64.getEncoder()
                    .encodeToString(cipher.doFinal(HexFormat.of().parseHex(secretHex)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
