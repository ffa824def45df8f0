package com.stack.sandbox.kyc.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param apiKey        what callers send as {@code Authorization: Bearer <apiKey>}
 * @param webhookSecret the HMAC key of the callback signature, shared with the receiver
 * @param decisionDelay how long after an application its automatic decision is made and delivered
 * @param delivery      how callbacks are delivered
 */
@ConfigurationProperties("stack.sandbox.kyc")
public record KycSandboxProperties(String apiKey, String webhookSecret, @DefaultValue("300ms") Duration decisionDelay,
        @DefaultValue Delivery delivery) {

    public KycSandboxProperties {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("stack.sandbox.kyc.api-key is required");
        }
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalArgumentException("stack.sandbox.kyc.webhook-secret is required");
        }
    }

    /**
     * @param maxAttempts    attempts per delivery, the first included
     * @param firstBackoff   the wait before the first retry; each further wait doubles (0.5s, 1s, 2s, ...)
     * @param attemptTimeout how long one attempt waits for the receiver's answer
     */
    public record Delivery(@DefaultValue("8") int maxAttempts, @DefaultValue("500ms") Duration firstBackoff,
            @DefaultValue("10s") Duration attemptTimeout) {

        public Delivery {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("stack.sandbox.kyc.delivery.max-attempts must be at least 1");
            }
        }
    }
}
