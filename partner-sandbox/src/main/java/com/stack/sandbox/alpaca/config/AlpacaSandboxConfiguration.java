package com.stack.sandbox.alpaca.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import com.stack.sandbox.alpaca.api.AlpacaApi;
import com.stack.sandbox.alpaca.app.JournalEventStream;
import com.stack.sandbox.alpaca.domain.AlpacaError;
import com.stack.sandbox.alpaca.domain.AlpacaException;
import com.stack.sandbox.partners.EmulatedPartner;
import com.stack.sandbox.partners.EmulatedPartner.Credentials;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlpacaSandboxProperties.class)
public class AlpacaSandboxConfiguration {

    private static final String BASIC = "Basic ";

    /** Alpaca's Broker API, as credential checks and fault injection see it: HTTP Basic auth, {@code key:secret}. */
    @Bean
    EmulatedPartner alpaca(AlpacaSandboxProperties properties) {
        return new EmulatedPartner(
                JournalEventStream.PARTNER,
                AlpacaApi.BASE_PATH,
                properties.apiKey(),
                new EmulatedPartner.ErrorFormat() {

                    @Override
                    public Object unauthorized(String message) {
                        return new AlpacaError(AlpacaException.codeOf(401), message);
                    }

                    @Override
                    public Object failure(HttpStatusCode status) {
                        return new AlpacaError(
                                AlpacaException.codeOf(status.value()),
                                status.value() == 429 ? "rate limit exceeded" : "internal server error");
                    }
                },
                basic(properties.apiKey(), properties.apiSecret()));
    }

    static Credentials basic(String key, String secret) {
        return (headers, relativePath) -> {
            String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
            if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
                return Optional.of("request is not authorized: send HTTP Basic auth with your API key and secret");
            }
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder()
                                .decode(authorization.substring(BASIC.length()).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return Optional.of("request is not authorized: malformed Basic credentials");
            }
            int colon = decoded.indexOf(':');
            // both compared, whatever the first says, so that the time does not tell which one was wrong
            boolean keyMatches = colon >= 0 && Credentials.sameSecret(decoded.substring(0, colon), key);
            boolean secretMatches = colon >= 0 && Credentials.sameSecret(decoded.substring(colon + 1), secret);
            return keyMatches && secretMatches ? Optional.empty() : Optional.of("request is not authorized");
        };
    }
}
