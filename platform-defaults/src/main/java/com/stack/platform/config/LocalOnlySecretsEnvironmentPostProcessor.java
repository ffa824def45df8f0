package com.stack.platform.config;

import java.util.List;

import com.stack.contracts.config.LocalOnlySecrets;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Stops a service, or the gateway, from starting outside the {@value LocalOnlySecrets#LOCAL_PROFILE} profile when a secret it
 * uses is missing or a value shipped in this repository ({@link LocalOnlySecrets}): the service-token secret,
 * and the secrets of the partners its config lists in {@value LocalOnlySecrets#PARTNERS_PROPERTY} (none for the
 * gateway): with the shipped service-token secret anyone could mint the token every subgraph trusts. Runs after the
 * config files and the defaults are in the environment, before any bean exists.
 */
public class LocalOnlySecretsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** After the defaults, which include the service-token secret's. */
    static final int ORDER = PlatformDefaultsEnvironmentPostProcessor.AFTER_DEFAULTS;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!StackApplications.isStackApplication(environment)) {
            return;
        }
        List<String> partners = LocalOnlySecrets.partners(environment.getProperty(LocalOnlySecrets.PARTNERS_PROPERTY));
        LocalOnlySecrets.check(
                List.of(environment.getActiveProfiles()),
                LocalOnlySecrets.secretsOf(partners),
                environment::getProperty);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
