package com.stack.aicfo.analyst.adapters.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.stack.aicfo.analyst.app.Facts;
import com.stack.aicfo.analyst.app.LocalAnalyst;
import com.stack.aicfo.analyst.app.SummaryWriter;
import com.stack.aicfo.analyst.app.ports.Analyst;
import com.stack.aicfo.analyst.config.AnalystConfiguration;
import com.stack.contracts.config.LocalOnlySecrets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.WebClient;

/** stack.aicfo.model.* as the service wires it: the local analyst by default, a model's key guarded like a partner's. */
class AnalystWiringTest {

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(AnalystConfiguration.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(WebClient.Builder.class, WebClient::builder);

    @Test
    void byDefaultTheLocalAnalystWritesWithoutNetwork() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(Analyst.class)).isInstanceOf(LocalAnalyst.class);
            SummaryWriter.Written written =
                    started.getBean(SummaryWriter.class).write(Facts.week()).block();
            assertThat(written.analyst()).isEqualTo("local");
            assertThat(written.fellBack()).isFalse();
        });
    }

    @Test
    void theOpenAiProviderUsesTheModelWithTheSandboxKeyInTheLocalProfile() {
        context.withPropertyValues("stack.aicfo.model.provider=openai", "spring.profiles.active=local")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    assertThat(started.getBean(Analyst.class)).isInstanceOf(OpenAiCompatibleAnalyst.class);
                    assertThat(started.getBean(ModelProperties.class).maxAttempts())
                            .isEqualTo(2);
                });
    }

    @Test
    void outsideTheLocalProfileTheSandboxKeyOrNoneStopsTheService() {
        // the test JVM runs in the local profile: this context runs in a deployment's
        ApplicationContextRunner deployed =
                context.withInitializer(started -> started.getEnvironment().setActiveProfiles("production"));
        deployed.withPropertyValues("stack.aicfo.model.provider=openai").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(LocalOnlySecrets.ShippedSecretException.class)
                    .hasMessageContaining("stack.aicfo.model.api-key (environment STACK_AICFO_MODEL_API_KEY)")
                    .hasMessageNotContaining(ModelProperties.SANDBOX_API_KEY);
        });
        deployed.withPropertyValues(
                        "stack.aicfo.model.provider=openai",
                        "stack.aicfo.model.api-key=" + ModelProperties.SANDBOX_API_KEY)
                .run(started -> assertThat(started).hasFailed());
        deployed.withPropertyValues("stack.aicfo.model.provider=openai", "stack.aicfo.model.api-key=sk-own-key")
                .run(started -> assertThat(started).hasNotFailed());
    }

    @Test
    void theLocalProviderNeedsNoKeyAnywhere() {
        context.withInitializer(started -> started.getEnvironment().setActiveProfiles("production"))
                .withPropertyValues("stack.aicfo.model.provider=local")
                .run(started -> assertThat(started).hasNotFailed());
    }
}
