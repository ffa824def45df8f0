package com.stack.platform.config;

import org.springframework.core.env.Environment;

/**
 * Which applications the platform's defaults and checks are for: the STACK services (their config names their own
 * database, {@code stack.database}) and the gateway ({@code spring.application.name=gateway}). Anything else that
 * shares a classpath with them, the partner sandbox in the system tests for one, is left alone.
 */
public final class StackApplications {

    /** The gateway's {@code spring.application.name}. */
    public static final String GATEWAY = "gateway";

    /** The property only a service's own config sets. */
    public static final String SERVICE_MARKER = "stack.database";

    private StackApplications() {}

    public static boolean isStackApplication(Environment environment) {
        return isService(environment) || GATEWAY.equals(environment.getProperty("spring.application.name"));
    }

    public static boolean isService(Environment environment) {
        return environment.containsProperty(SERVICE_MARKER);
    }
}
