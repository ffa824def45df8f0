package com.stack.defaults.config;

import com.stack.platform.config.PlatformDefaultsEnvironmentPostProcessor;
import com.stack.platform.config.StackApplications;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Adds {@code stack-defaults.properties} as a lowest-precedence property source, so every service gets the same
 * GraphQL paths, readiness group, histograms and connection conventions (over what platform-defaults gives the
 * gateway too: {@link PlatformDefaultsEnvironmentPostProcessor}), and can still
 * override any of them in its own {@code application.yml} or through the environment. Runs after
 * the config files are read, so it can tell a service (which names {@code stack.database}) from
 * anything else on the classpath. Under the {@code local} profile ({@code ./stack up} and the tests),
 * {@code stack-defaults-local.properties} comes first: local values for what production defaults differently
 * (topics replicated once on the single local broker).
 */
public class StackDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String RESOURCE = "stack-defaults.properties";
    /** Defaults of the local profile (single-node Kafka, for example), over {@link #RESOURCE}. */
    static final String LOCAL_RESOURCE = "stack-defaults-local.properties";

    static final String LOCAL_PROFILE = "local";
    /** Late: after the config files (and the profiles they activate) are read. */
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!StackApplications.isService(environment)) {
            // not a STACK service (its own config names its database): for example the gateway, when it
            // shares a classpath with the services in the system tests; it has the platform's defaults only
            return;
        }
        if (environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
            // over the defaults, under everything else
            PlatformDefaultsEnvironmentPostProcessor.addLast(environment, "stackDefaultsLocal", LOCAL_RESOURCE);
        }
        PlatformDefaultsEnvironmentPostProcessor.addLast(environment, "stackDefaults", RESOURCE);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
