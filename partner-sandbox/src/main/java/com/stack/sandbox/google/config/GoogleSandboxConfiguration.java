package com.stack.sandbox.google.config;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import com.stack.sandbox.google.api.FcmController;
import com.stack.sandbox.google.api.GoogleOAuthController;
import com.stack.sandbox.google.app.FcmMessages;
import com.stack.sandbox.google.app.GoogleAccessTokens;
import com.stack.sandbox.google.app.GoogleSandboxProperties;
import com.stack.sandbox.google.app.ServiceAccount;
import com.stack.sandbox.google.app.TokenEndpointLocation;
import com.stack.sandbox.google.domain.FcmError;
import com.stack.sandbox.google.domain.OAuthError;
import com.stack.sandbox.partners.EmulatedPartner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Google's OAuth token endpoint ("google-oauth") and FCM ("fcm") as two emulated partners, so that faults act on
 * each on its own, as an outage of one does at Google.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GoogleSandboxProperties.class)
public class GoogleSandboxConfiguration {

    /** Neither partner has an API key; EmulatedPartner wants one, this one is never compared with anything. */
    private static final String NO_API_KEY = "-";

    @Bean
    ServiceAccount googleServiceAccount(ResourceLoader resources, GoogleSandboxProperties properties, JsonMapper json) {
        return ServiceAccount.load(resources, properties.serviceAccount(), json);
    }

    @Bean
    GoogleAccessTokens googleAccessTokens(
            ServiceAccount account, TokenEndpointLocation tokenEndpoint, GoogleSandboxProperties properties) {
        return new GoogleAccessTokens(account, tokenEndpoint, properties, Clock.systemUTC());
    }

    @Bean
    FcmMessages fcmMessages(GoogleSandboxProperties properties) {
        return new FcmMessages(properties.projectId(), Clock.systemUTC());
    }

    /** The token endpoint authenticates by the signed assertion in the body, so the request passes the credentials check. */
    @Bean
    EmulatedPartner googleOAuth() {
        return new EmulatedPartner(
                "google-oauth",
                GoogleOAuthController.BASE_PATH,
                NO_API_KEY,
                new EmulatedPartner.ErrorFormat() {

                    @Override
                    public Object unauthorized(String message) {
                        return new OAuthError("invalid_client", message);
                    }

                    @Override
                    public Object failure(HttpStatusCode status) {
                        return new OAuthError(
                                status.value() == 503 ? "temporarily_unavailable" : "server_error",
                                "The token endpoint could not handle the request (" + status.value() + ")");
                    }
                },
                (headers, relativePath) -> Optional.empty());
    }

    /** FCM wants an access token of the token endpoint: {@code Authorization: Bearer ya29...}. */
    @Bean
    EmulatedPartner fcm(GoogleAccessTokens tokens) {
        return new EmulatedPartner(
                "fcm",
                FcmController.BASE_PATH,
                NO_API_KEY,
                new EmulatedPartner.ErrorFormat() {

                    @Override
                    public Object unauthorized(String message) {
                        return FcmError.of(401, "UNAUTHENTICATED", message, null);
                    }

                    @Override
                    public Object failure(HttpStatusCode status) {
                        return switch (status.value()) {
                            case 429 -> FcmError.of(429, "RESOURCE_EXHAUSTED", "Quota exceeded.", "QUOTA_EXCEEDED");
                            case 500 -> FcmError.of(500, "INTERNAL", "Internal error encountered.", "INTERNAL");
                            case 503 ->
                                FcmError.of(503, "UNAVAILABLE", "The service is currently unavailable.", "UNAVAILABLE");
                            default -> {
                                HttpStatus known = HttpStatus.resolve(status.value());
                                yield FcmError.of(
                                        status.value(),
                                        known == null ? "UNKNOWN" : known.name().toUpperCase(Locale.ROOT),
                                        "The request failed (" + status.value() + ")",
                                        null);
                            }
                        };
                    }
                },
                (headers, relativePath) -> tokens.accepts(headers.getFirst(HttpHeaders.AUTHORIZATION))
                        ? Optional.empty()
                        : Optional.of(
                                "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie "
                                        + "or other valid authentication credential."));
    }
}
