package com.stack.sandbox.openai.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OpenAI-compatible chat completions API of the sandbox ({@code stack.sandbox.openai.*}).
 *
 * @param apiKey what callers send as {@code Authorization: Bearer <apiKey>}; the local default protects nothing
 */
@ConfigurationProperties("stack.sandbox.openai")
public record OpenAiSandboxProperties(
        @DefaultValue("sk-local-sandbox") String apiKey) {

    public OpenAiSandboxProperties {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("stack.sandbox.openai.api-key is required");
        }
    }
}
