package com.stack.gateway.config;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The gateway's spans to the collector at {@code STACK_OTLP_ENDPOINT}, as the services' (service defaults'
 * {@code OtlpTracingEnvironmentPostProcessor}, which the gateway does not depend on): Boot's endpoint property is set
 * only when the setting has a value, since Boot creates its exporter whenever that property exists at all.
 */
public class OtlpEndpointEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SETTING = "stack.otlp.endpoint";
    static final String BOOT_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String endpoint = environment.getProperty(SETTING, "").strip();
        if (!endpoint.isEmpty() && !environment.containsProperty(BOOT_ENDPOINT)) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource("gatewayOtlpTracing", Map.of(BOOT_ENDPOINT, endpoint)));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
