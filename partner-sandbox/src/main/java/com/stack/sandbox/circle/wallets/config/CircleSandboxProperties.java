package com.stack.sandbox.circle.wallets.config;

import java.util.HexFormat;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param apiKey       what callers send as {@code Authorization: Bearer <apiKey>}
 * @param entitySecret the developer's 32-byte entity secret as 64 hex digits; the same value the
 *                     wallet service encrypts in every write
 */
@ConfigurationProperties("stack.sandbox.circle")
public record CircleSandboxProperties(String apiKey, String entitySecret) {

    public CircleSandboxProperties {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("stack.sandbox.circle.api-key is required");
        }
        if (entitySecret == null || !entitySecret.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("stack.sandbox.circle.entity-secret must be 64 hex digits (32 bytes)");
        }
    }

    public byte[] entitySecretBytes() {
        return HexFormat.of().parseHex(entitySecret);
    }
}
