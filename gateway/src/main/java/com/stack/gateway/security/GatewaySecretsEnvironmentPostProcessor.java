package com.stack.gateway.security;

import java.util.List;

import com.stack.contracts.config.LocalOnlySecrets;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Stops the gateway from starting outside the {@value LocalOnlySecrets#LOCAL_PROFILE} profile when its
 * service-token secret is missing or the value shipped in this repository: with it anyone could mint the
 * token every subgraph trusts. The same rule and code as the services' ({@link LocalOnlySecrets}); runs
 * after the config files are read, before any bean exists.
 */
public class GatewaySecretsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String GATEWAY = "gateway";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!GATEWAY.equals(environment.getProperty("spring.application.name"))) {
            // another application on a shared test classpath: the services check theirs through service-defaults
            return;
        }
        LocalOnlySecrets.check(
                List.of(environment.getActiveProfiles()),
                LocalOnlySecrets.secretsOf(List.of()),
                environment::getProperty);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
