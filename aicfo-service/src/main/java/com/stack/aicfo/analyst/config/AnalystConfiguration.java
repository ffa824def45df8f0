package com.stack.aicfo.analyst.config;

import java.util.List;

import com.stack.aicfo.analyst.adapters.model.ModelProperties;
import com.stack.aicfo.analyst.adapters.model.OpenAiCompatibleAnalyst;
import com.stack.aicfo.analyst.app.LocalAnalyst;
import com.stack.aicfo.analyst.app.SummaryWriter;
import com.stack.aicfo.analyst.app.ports.Analyst;
import com.stack.contracts.config.LocalOnlySecrets;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Who writes the summaries ({@code stack.aicfo.model.provider}: the local analyst by default, or an OpenAI-compatible
 * model) and the {@link SummaryWriter} that checks what it writes and falls back to the local analyst. With a model,
 * its key is checked like the partners' secrets ({@link LocalOnlySecrets}): outside the local profile, the sandbox's
 * shipped key (or none) stops the service from starting. It is checked here, not through
 * {@code stack.secrets.partners}, because only the {@code openai} provider has a key.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModelProperties.class)
public class AnalystConfiguration {

    @Bean
    LocalAnalyst localAnalyst() {
        return new LocalAnalyst();
    }

    /** The configured analyst; primary, since the local analyst is an {@link Analyst} bean too. */
    @Bean
    @Primary
    Analyst analyst(
            ModelProperties properties, LocalAnalyst local, WebClient.Builder webClients, Environment environment) {
        LocalOnlySecrets.check(
                List.of(environment.getActiveProfiles()), properties.secrets(), environment::getProperty);
        return switch (properties.provider()) {
            case LOCAL -> local;
            case OPENAI -> new OpenAiCompatibleAnalyst(webClients, properties);
        };
    }

    @Bean
    SummaryWriter summaryWriter(Analyst analyst, LocalAnalyst local, ModelProperties properties, MeterRegistry meters) {
        return new SummaryWriter(analyst, local, properties.maxAttempts(), meters);
    }
}
