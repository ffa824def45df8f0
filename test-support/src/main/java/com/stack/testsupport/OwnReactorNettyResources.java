package com.stack.testsupport;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives every Spring application a test JVM starts (a {@code @SpringBootTest} context, a service or the sandbox
 * started by a test, the system suite's services) Reactor Netty event loops and a connection pool of its own.
 * Registered for all of them in test-support's {@code META-INF/spring.factories}.
 *
 * <p>By default an application uses the JVM-global ones and disposes them when it stops: when a test closes an
 * application it started, and when Spring's test context cache pauses a context that another test class does not
 * use. Everything else in the JVM that runs on them then loses its event loops under it: the other applications'
 * servers and clients, the tests' own Reactor Netty servers and their WebTestClients. A request in flight, or the
 * next one on a pooled connection, then gets no answer at all, and the test fails on its client's timeout.
 */
public final class OwnReactorNettyResources implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The bean name Spring Boot's own (global) factory has, so that Boot's is not created beside this one. */
    static final String BEAN_NAME = "reactorResourceFactory";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (context instanceof GenericApplicationContext application
                && !application.containsBeanDefinition(BEAN_NAME)) {
            application.registerBean(BEAN_NAME, ReactorResourceFactory.class, () -> {
                ReactorResourceFactory factory = new ReactorResourceFactory();
                factory.setUseGlobalResources(false);
                return factory;
            });
        }
    }
}
