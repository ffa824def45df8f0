package com.stack.sandbox.kyc.config;

import java.time.Clock;
import java.util.Locale;

import com.stack.sandbox.kyc.adapters.CallbackSender;
import com.stack.sandbox.kyc.api.KycApplicantsController;
import com.stack.sandbox.kyc.app.Applicants;
import com.stack.sandbox.kyc.domain.KycError;
import com.stack.sandbox.partners.BackgroundTasks;
import com.stack.sandbox.partners.EmulatedPartner;
import io.netty.channel.ChannelOption;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KycSandboxProperties.class)
public class KycSandboxConfiguration {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    /** The KYC provider, as API key checks and fault injection see it. */
    @Bean
    EmulatedPartner kyc(KycSandboxProperties properties) {
        return new EmulatedPartner("kyc", KycApplicantsController.BASE_PATH, properties.apiKey(), new EmulatedPartner.ErrorFormat() {

            @Override
            public Object unauthorized(String message) {
                return new KycError("unauthorized", message, null);
            }

            @Override
            public Object failure(HttpStatusCode status) {
                HttpStatus known = HttpStatus.resolve(status.value());
                String error = known == null ? "error_" + status.value() : known.name().toLowerCase(Locale.ROOT);
                return new KycError(error, "The KYC service could not handle the request (" + status.value() + ")", null);
            }
        });
    }

    @Bean
    CallbackSender kycCallbackSender(KycSandboxProperties properties) {
        HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
        WebClient webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
        return new CallbackSender(webClient, properties.delivery(), Clock.systemUTC());
    }

    @Bean
    Applicants kycApplicants(KycSandboxProperties properties, CallbackSender sender, BackgroundTasks background, JsonMapper json) {
        return new Applicants(properties, sender, background, json, Clock.systemUTC());
    }
}
