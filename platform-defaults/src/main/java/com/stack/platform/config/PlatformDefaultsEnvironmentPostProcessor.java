package com.stack.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code stack-platform.properties}, what the gateway and every service share (the callers' token issuer, the
 * service-token secret, health probes, metrics tags, traces, JSON logs), as a lowest-precedence property source:
 * an application's own config or the environment overrides any of it. Under the {@code local} profile
 * ({@code ./stack up} and the tests) {@code stack-platform-local.properties} comes first. Runs after the config files
 * are read, so it can tell a STACK application from anything else on the classpath ({@link StackApplications}).
 */
public class PlatformDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String RESOURCE = "stack-platform.properties";
    static final String LOCAL_RESOURCE = "stack-platform-local.properties";
    static final String LOCAL_PROFILE = "local";

    /** Late: after the config files (and the profiles they activate) are read. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 20;

    /** After every source of defaults: for what reads the settings the defaults complete. */
    public static final int AFTER_DEFAULTS = Ordered.LOWEST_PRECEDENCE - 5;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!StackApplications.isStackApplication(environment)) {
            return;
        }
        if (environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
            addLast(environment, "stackPlatformLocal", LOCAL_RESOURCE);
        }
        addLast(environment, "stackPlatform", RESOURCE);
    }

    /** Adds {@code resource} from the classpath as the environment's last (lowest-precedence) property source. */
    public static void addLast(ConfigurableEnvironment environment, String name, String resource) {
        try {
            for (PropertySource<?> source :
                    new PropertiesPropertySourceLoader().load(name, new ClassPathResource(resource))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
