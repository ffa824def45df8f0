package com.stack.aicfo.analyst.adapters.model;

import java.net.URI;
import java.util.List;
import java.util.Set;

import com.stack.contracts.config.LocalOnlySecrets;
import com.stack.defaults.resilience.PartnerResilience;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stack.aicfo.model.*}: who writes the summaries. {@code local} (the default) needs no network, so
 * {@code ./stack up} works offline; {@code openai} asks an OpenAI-compatible chat-completions API (0G's compute
 * network, OpenAI, vLLM and Ollama all serve it) at {@code base-url}, whose answers are checked and fall back to the
 * local analyst. The defaults point at the partner sandbox's endpoint.
 *
 * @param provider    {@code local} or {@code openai}
 * @param baseUrl     the API's base, before {@code /chat/completions} (e.g. {@code https://api.openai.com/v1},
 *                    {@code http://127.0.0.1:11434/v1} for Ollama)
 * @param model       the model's name as the API knows it
 * @param apiKey      sent as {@code Authorization: Bearer}; the shipped default is the sandbox's, refused outside
 *                    the local profile when the provider is {@code openai} ({@link #API_KEY})
 * @param stream      ask for a streamed answer (server-sent chunks, assembled) instead of one body
 * @param maxAttempts answers asked of the model per summary (a refused or failed one is asked again) before the
 *                    local analyst writes it
 * @param temperature the sampling temperature (0: as repeatable as the model allows)
 * @param maxTokens   the answer's length limit in tokens
 * @param resilience  timeout per request, retries of transient failures (5xx, 429, timeouts) and circuit breaker
 *                    (aicfo-service.yml gives a model's request 30s, not a partner call's 3s)
 */
@ConfigurationProperties("stack.aicfo.model")
public record ModelProperties(
        @DefaultValue("local") Provider provider,
        @DefaultValue("http://127.0.0.1:8090/openai/v1") URI baseUrl,
        @DefaultValue("stack-analyst") String model,
        @DefaultValue(SANDBOX_API_KEY) String apiKey,
        @DefaultValue("false") boolean stream,
        @DefaultValue("2") int maxAttempts,
        @DefaultValue("0") double temperature,
        @DefaultValue("600") int maxTokens,
        @DefaultValue PartnerResilience.Settings resilience) {

    public enum Provider {
        LOCAL,
        OPENAI
    }

    /** The partner sandbox's key, in this repository: local development only. */
    public static final String SANDBOX_API_KEY = "sk-local-sandbox";

    /** The model's key, checked like the partners' secrets ({@link LocalOnlySecrets}) when the provider is openai. */
    public static final LocalOnlySecrets.Secret API_KEY = new LocalOnlySecrets.Secret(
            "stack.aicfo.model.api-key",
            "STACK_AICFO_MODEL_API_KEY",
            true,
            LocalOnlySecrets.Match.EQUALS,
            Set.of(SANDBOX_API_KEY));

    /** The secrets this configuration uses: the model's key only when a model is asked. */
    public List<LocalOnlySecrets.Secret> secrets() {
        return provider == Provider.OPENAI ? List.of(API_KEY) : List.of();
    }
}
