package com.stack.onboarding.notification.adapters;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of a Google service account's JSON key file the FCM adapter uses: who it is ({@code client_email}),
 * its RSA key ({@code private_key}, PKCS#8 PEM), where it trades assertions for access tokens ({@code token_uri})
 * and its Firebase project ({@code project_id}).
 */
public record GoogleServiceAccount(String clientEmail, PrivateKey privateKey, URI tokenUri, String projectId) {

    /** Parses a key file; fails with an {@link IllegalArgumentException} naming what is missing or wrong (never the key). */
    public static GoogleServiceAccount parse(String keyFileJson, JsonMapper json) {
        Map<String, Object> keyFile;
        try {
            keyFile = json.readValue(keyFileJson, new TypeReference<Map<String, Object>>() {});
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The FCM service account is not a JSON key file");
        }
        return new GoogleServiceAccount(
                required(keyFile, "client_email"),
                privateKey(required(keyFile, "private_key")),
                URI.create(required(keyFile, "token_uri")),
                required(keyFile, "project_id"));
    }

    private static String required(Map<String, Object> keyFile, String field) {
        if (!(keyFile.get(field) instanceof String value) || value.isBlank()) {
            throw new IllegalArgumentException("The FCM service account has no " + field);
        }
        return value;
    }

    private static PrivateKey privateKey(String pem) {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The FCM service account's private_key is no PKCS#8 RSA key");
        }
    }

    @Override
    public String toString() {
        return "GoogleServiceAccount[" + clientEmail + ", project " + projectId + "]";
    }
}
