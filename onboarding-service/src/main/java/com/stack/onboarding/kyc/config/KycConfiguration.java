package com.stack.onboarding.kyc.config;

import com.stack.onboarding.kyc.adapters.KycProviderClient;
import com.stack.onboarding.kyc.domain.KycSubmissionPolicy;
import com.stack.onboarding.kyc.domain.KycWebhookSignature;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/** Wires the KYC provider client, the callback signature check and the submission rules from {@code stack.kyc.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KycProperties.class)
public class KycConfiguration {

    @Bean
    KycProviderClient kycProviderClient(WebClient.Builder webClients, KycProperties properties) {
        WebClient web = webClients
                .clone()
                .baseUrl(properties.baseUrl().toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey())
                .build();
        return new KycProviderClient(
                web,
                properties.callbackUrl().toString(),
                properties.timeout(),
                properties.retryAttempts(),
                properties.retryBackoff());
    }

    @Bean
    KycWebhookSignature kycWebhookSignature(KycProperties properties) {
        return new KycWebhookSignature(properties.webhookSecret(), properties.replayWindow());
    }

    @Bean
    KycSubmissionPolicy kycSubmissionPolicy(KycProperties properties) {
        return new KycSubmissionPolicy(properties.maxAttempts());
    }
}
