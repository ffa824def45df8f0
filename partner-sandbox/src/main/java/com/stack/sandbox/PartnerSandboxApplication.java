package com.stack.sandbox;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Local stand-in for STACK's outside world: the OIDC issuer (Auth0/Cognito in production), the
 * partners' HTTP APIs (Circle's wallets, payouts, transfers and notifications, the KYC provider, DriveWealth
 * with its SQS event queue, Due, Alpaca with its event stream), a simulated chain, and fault injection into them.
 */
@SpringBootApplication
public class PartnerSandboxApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its own config file name, so several applications can share one classpath in tests. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(PartnerSandboxApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "partner-sandbox"));
        return application;
    }
}
