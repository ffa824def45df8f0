package com.stack.sandbox.kyc.app;

import java.time.Duration;

import com.stack.sandbox.partners.DeliveryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param apiKey        what callers send as {@code Authorization: Bearer <apiKey>}
 * @param webhookSecret the HMAC key of the callback signature, shared with the receiver
 * @param decisionDelay how long after an application its automatic decision is made and delivered
 * @param delivery      how callbacks are delivered ({@code stack.sandbox.kyc.delivery.*})
 */
@ConfigurationProperties("stack.sandbox.kyc")
public record KycSandboxProperties(
        String apiKey,
        String webhookSecret,
        @DefaultValue("300ms") Duration decisionDelay,
        @DefaultValue DeliveryPolicy delivery) {

    public KycSandboxProperties {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("stack.sandbox.kyc.api-key is required");
        }
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalArgumentException("stack.sandbox.kyc.webhook-secret is required");
        }
    }
}
