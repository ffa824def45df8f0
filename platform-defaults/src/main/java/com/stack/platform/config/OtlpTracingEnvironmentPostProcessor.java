package com.stack.platform.config;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sends spans to the OpenTelemetry collector at {@code STACK_OTLP_ENDPOINT} (property {@code stack.otlp.endpoint}:
 * the OTLP/HTTP traces URL, e.g. {@code http://otel-collector:4318/v1/traces}) by setting Spring Boot's
 * {@value #BOOT_ENDPOINT}. Only when it has a value: Boot creates the exporter whenever its property is present, and
 * an empty one would fail at startup, so unset or empty means no exporter at all (tests and {@code ./stack up} run
 * without a collector and nothing retries sending spans nowhere). Boot's own property, when set, wins.
 */
public class OtlpTracingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SETTING = "stack.otlp.endpoint";
    static final String BOOT_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String endpoint = environment.getProperty(SETTING);
        if (endpoint != null && !endpoint.isBlank() && !environment.containsProperty(BOOT_ENDPOINT)) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource("stackOtlpTracing", Map.of(BOOT_ENDPOINT, endpoint.strip())));
        }
    }

    @Override
    public int getOrder() {
        return PlatformDefaultsEnvironmentPostProcessor.AFTER_DEFAULTS;
    }
}
