package com.stack.funding;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FundingApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its own config file name, so several services can share one classpath in tests. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(FundingApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "funding-service"));
        return application;
    }
}
