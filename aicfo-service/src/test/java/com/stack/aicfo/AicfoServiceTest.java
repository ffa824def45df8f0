package com.stack.aicfo;

import com.stack.testsupport.SubgraphIntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The harness aicfo's integration tests share (one application context): the service on a random port against a
 * fresh database and the test Kafka, the local analyst, {@link #PORTFOLIOS} in place of investing's portfolio API,
 * at most 3 analyses per user and hour. The weekly loop does not run on its own: the tests drive it.
 */
@SpringBootTest(
        classes = {AicfoApplication.class, AicfoServiceTest.Doubles.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=aicfo-service")
public abstract class AicfoServiceTest extends SubgraphIntegrationTest {

    protected static final TestPortfolios PORTFOLIOS = new TestPortfolios();

    @DynamicPropertySource
    static void aicfoProperties(DynamicPropertyRegistry registry) {
        registerService(registry, "stack_aicfo_test");
        registry.add("stack.aicfo.weekly.enabled", () -> "false");
        registry.add("stack.aicfo.on-demand.max-per-window", () -> "3/1h");
    }

    @TestConfiguration(proxyBeanMethods = false)
    protected static class Doubles {

        @Bean
        @Primary
        TestPortfolios testPortfolios() {
            return PORTFOLIOS;
        }
    }
}
