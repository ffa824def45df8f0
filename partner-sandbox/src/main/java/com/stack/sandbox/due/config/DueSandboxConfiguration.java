package com.stack.sandbox.due.config;

import java.util.Locale;
import java.util.Optional;

import com.stack.sandbox.due.api.DueApi;
import com.stack.sandbox.due.app.TransferWebhooks;
import com.stack.sandbox.due.domain.DueError;
import com.stack.sandbox.partners.EmulatedPartner;
import com.stack.sandbox.partners.EmulatedPartner.Credentials;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DueSandboxProperties.class)
public class DueSandboxConfiguration {

    /**
     * Due, as credential checks and fault injection see it: {@code Authorization: Bearer <api key>}
     * and, as a platform calls it, {@code Due-Account-Id: <account id>}.
     */
    @Bean
    EmulatedPartner due(DueSandboxProperties properties) {
        Credentials bearer = Credentials.bearer(properties.apiKey());
        Credentials credentials =
                (headers, relativePath) -> bearer.refusal(headers, relativePath).or(() -> {
                    String account = headers.getFirst(DueApi.ACCOUNT_ID_HEADER);
                    if (account == null || account.isBlank()) {
                        return Optional.of("Send the header " + DueApi.ACCOUNT_ID_HEADER + ": <account id>.");
                    }
                    return Credentials.sameSecret(account.strip(), properties.accountId())
                            ? Optional.empty()
                            : Optional.of("Unknown account " + account.strip() + " for this API key.");
                });
        return new EmulatedPartner(
                TransferWebhooks.PARTNER,
                DueApi.BASE_PATH,
                properties.apiKey(),
                new EmulatedPartner.ErrorFormat() {

                    @Override
                    public Object unauthorized(String message) {
                        return DueError.of("unauthorized", message);
                    }

                    @Override
                    public Object failure(HttpStatusCode status) {
                        HttpStatus known = HttpStatus.resolve(status.value());
                        String code = known == null
                                ? "error_" + status.value()
                                : known.name().toLowerCase(Locale.ROOT);
                        return DueError.of(code, "Due could not handle the request (" + status.value() + ")");
                    }
                },
                credentials);
    }
}
