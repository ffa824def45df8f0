package com.stack.sandbox.kyc.config;

import java.time.Clock;
import java.util.Locale;

import com.stack.sandbox.kyc.adapters.CallbackSender;
import com.stack.sandbox.kyc.api.KycApplicantsController;
import com.stack.sandbox.kyc.app.Applicants;
import com.stack.sandbox.kyc.app.CallbackDelivery;
import com.stack.sandbox.kyc.app.KycSandboxProperties;
import com.stack.sandbox.kyc.domain.KycError;
import com.stack.sandbox.partners.BackgroundTasks;
import com.stack.sandbox.partners.EmulatedPartner;
import com.stack.sandbox.partners.WebhookSender;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KycSandboxProperties.class)
public class KycSandboxConfiguration {

    /** The KYC provider, as API key checks and fault injection see it. */
    @Bean
    EmulatedPartner kyc(KycSandboxProperties properties) {
        return new EmulatedPartner(
                "kyc", KycApplicantsController.BASE_PATH, properties.apiKey(), new EmulatedPartner.ErrorFormat() {

                    @Override
                    public Object unauthorized(String message) {
                        return new KycError("unauthorized", message, null);
                    }

                    @Override
                    public Object failure(HttpStatusCode status) {
                        HttpStatus known = HttpStatus.resolve(status.value());
                        String error = known == null
                                ? "error_" + status.value()
                                : known.name().toLowerCase(Locale.ROOT);
                        return new KycError(
                                error, "The KYC service could not handle the request (" + status.value() + ")", null);
                    }
                });
    }

    @Bean
    CallbackSender kycCallbackSender(KycSandboxProperties properties, WebhookSender sender) {
        return new CallbackSender(sender, properties.delivery());
    }

    @Bean
    Applicants kycApplicants(
            KycSandboxProperties properties, CallbackDelivery sender, BackgroundTasks background, JsonMapper json) {
        return new Applicants(properties, sender, background, json, Clock.systemUTC());
    }
}
