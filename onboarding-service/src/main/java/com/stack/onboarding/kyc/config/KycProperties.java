package com.stack.onboarding.kyc.config;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stack.kyc.*}: the KYC provider and its callbacks. Defaults (in {@code onboarding-service.yml})
 * point at the partner sandbox and are for local use only.
 *
 * @param baseUrl        the provider's API base, e.g. {@code http://127.0.0.1:8090/kyc}
 * @param apiKey         our bearer API key at the provider
 * @param callbackUrl    where the provider delivers decisions: our {@code /webhooks/kyc}, through the gateway
 * @param webhookSecret  the shared HMAC secret of the provider's callback signatures
 * @param replayWindow   how far a callback's signed timestamp may be from now
 * @param maxAttempts    how many submissions a user may make in total
 * @param timeout        how long one try of a provider call may take
 * @param retryAttempts  tries per provider call, the first included
 * @param retryBackoff   the wait before the second try; doubles (with jitter) for each further one
 */
@ConfigurationProperties("stack.kyc")
public record KycProperties(
        URI baseUrl,
        String apiKey,
        URI callbackUrl,
        String webhookSecret,
        Duration replayWindow,
        int maxAttempts,
        Duration timeout,
        int retryAttempts,
        Duration retryBackoff) {

    public KycProperties {
        require(baseUrl, "base-url");
        require(apiKey, "api-key");
        require(callbackUrl, "callback-url");
        require(webhookSecret, "webhook-secret");
        require(replayWindow, "replay-window");
        require(timeout, "timeout");
        require(retryBackoff, "retry-backoff");
        if (maxAttempts < 1 || retryAttempts < 1) {
            throw new IllegalArgumentException(
                    "stack.kyc.max-attempts and stack.kyc.retry-attempts must be at least 1");
        }
    }

    private static void require(Object value, String name) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("stack.kyc." + name + " must be set");
        }
    }
}
