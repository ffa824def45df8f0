package com.stack.sandbox.google.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.io.ResourceLoader;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Google service account the sandbox knows: its JSON key file, read once at startup. Only its public
 * key is used here (to verify assertions); the whole file is served to local runs by the control API, with the
 * token URI of this sandbox, so a service can be configured with it.
 */
public final class ServiceAccount {

    private final Map<String, Object> keyFile;
    private final String clientEmail;
    private final RSAPublicKey publicKey;

    private ServiceAccount(Map<String, Object> keyFile) {
        this.keyFile = Map.copyOf(keyFile);
        this.clientEmail = required(keyFile, "client_email");
        this.publicKey = publicKeyOf(required(keyFile, "private_key"));
    }

    /** Reads the key file at {@code location} (blocking: at startup only). */
    public static ServiceAccount load(ResourceLoader resources, String location, JsonMapper json) {
        try (InputStream in = resources.getResource(location).getInputStream()) {
            return new ServiceAccount(json.readValue(in, new TypeReference<Map<String, Object>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sandbox's Google service account " + location, e);
        }
    }

    public String clientEmail() {
        return clientEmail;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** The key file as a service is configured with it: this sandbox's token URI and the emulated project. */
    public Map<String, Object> keyFile(String tokenUri, String projectId) {
        Map<String, Object> file = new LinkedHashMap<>(keyFile);
        file.put("token_uri", tokenUri);
        file.put("project_id", projectId);
        return file;
    }

    private static String required(Map<String, Object> keyFile, String field) {
        if (!(keyFile.get(field) instanceof String value) || value.isBlank()) {
            throw new IllegalArgumentException("The sandbox's Google service account has no " + field);
        }
        return value;
    }

    /** The public half of the PKCS#8 PEM private key (an RSA CRT key carries its public exponent). */
    private static RSAPublicKey publicKeyOf(String pem) {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException(
                    "The sandbox's Google service account's private_key is no PKCS#8 RSA key", e);
        }
    }
}
