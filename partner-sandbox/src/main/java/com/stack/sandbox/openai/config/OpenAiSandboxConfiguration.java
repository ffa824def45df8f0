package com.stack.sandbox.openai.config;

import java.time.Clock;
import java.util.Optional;

import com.stack.sandbox.openai.api.ChatCompletionsController;
import com.stack.sandbox.openai.app.AnswerModes;
import com.stack.sandbox.openai.app.ChatCompletions;
import com.stack.sandbox.openai.domain.OpenAiError;
import com.stack.sandbox.openai.domain.OpenAiException;
import com.stack.sandbox.partners.EmulatedPartner;
import com.stack.sandbox.partners.EmulatedPartner.Credentials;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpenAiSandboxProperties.class)
public class OpenAiSandboxConfiguration {

    @Bean
    AnswerModes openAiAnswerModes() {
        return new AnswerModes();
    }

    @Bean
    ChatCompletions openAiChatCompletions(AnswerModes modes) {
        return new ChatCompletions(modes, Clock.systemUTC());
    }

    /** OpenAI's API, as API key checks and fault injection see it, with OpenAI's wording of a 401 and of failures. */
    @Bean
    EmulatedPartner openai(OpenAiSandboxProperties properties) {
        return new EmulatedPartner(
                "openai",
                ChatCompletionsController.BASE_PATH,
                properties.apiKey(),
                new EmulatedPartner.ErrorFormat() {

                    @Override
                    public Object unauthorized(String message) {
                        return OpenAiError.of(message, OpenAiException.INVALID_REQUEST, null, "invalid_api_key");
                    }

                    @Override
                    public Object failure(HttpStatusCode status) {
                        return switch (status.value()) {
                            case 429 ->
                                OpenAiError.of(
                                        "Rate limit reached for requests. Please try again later.",
                                        "requests",
                                        null,
                                        "rate_limit_exceeded");
                            case 503 ->
                                OpenAiError.of(
                                        "The engine is currently overloaded, please try again later.",
                                        "server_error",
                                        null,
                                        null);
                            default ->
                                status.is5xxServerError()
                                        ? OpenAiError.of(
                                                "The server had an error while processing your request. Sorry about that!",
                                                "server_error",
                                                null,
                                                null)
                                        : OpenAiError.of(
                                                "The request failed (" + status.value() + ").",
                                                OpenAiException.INVALID_REQUEST,
                                                null,
                                                null);
                        };
                    }
                },
                credentials(properties.apiKey()));
    }

    /** A bearer key, refused in OpenAI's words. */
    private static Credentials credentials(String apiKey) {
        return (headers, relativePath) -> {
            String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
            if (authorization == null
                    || !authorization.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length())
                    || authorization.substring("Bearer ".length()).isBlank()) {
                return Optional.of(
                        "You didn't provide an API key. You need to provide your API key in an Authorization "
                                + "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).");
            }
            return Credentials.sameSecret(
                            authorization.substring("Bearer ".length()).trim(), apiKey)
                    ? Optional.empty()
                    : Optional.of("Incorrect API key provided. You can find your API key in the sandbox's "
                            + "stack.sandbox.openai.api-key.");
        };
    }
}
