package com.stack.sandbox.circle.wallets.config;

import com.stack.sandbox.circle.wallets.api.CircleWalletsController;
import com.stack.sandbox.circle.wallets.domain.CircleError;
import com.stack.sandbox.partners.EmulatedPartner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CircleSandboxProperties.class)
public class CircleSandboxConfiguration {

    /** Circle, as API key checks and fault injection see it. */
    @Bean
    EmulatedPartner circle(CircleSandboxProperties properties) {
        return new EmulatedPartner(
                "circle", CircleWalletsController.BASE_PATH, properties.apiKey(), new EmulatedPartner.ErrorFormat() {

                    @Override
                    public Object unauthorized(String message) {
                        return new CircleError(401, message);
                    }

                    @Override
                    public Object failure(HttpStatusCode status) {
                        // Circle's catch-all code; the status says what kind of failure it was
                        return new CircleError(
                                -1, status.value() == 429 ? "Too many requests" : "Something went wrong");
                    }
                });
    }
}
