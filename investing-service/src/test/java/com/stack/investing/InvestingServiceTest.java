package com.stack.investing;

import com.stack.testsupport.SubgraphIntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The harness investing's integration tests share (one application context): the service on a random port against
 * a fresh database, the test token issuer, and {@link #BROKER} in place of the broker and its market data. The broker
 * loop and the reconciler do not run on their own: the tests drive them.
 */
@SpringBootTest(classes = {InvestingApplication.class, InvestingServiceTest.Doubles.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=investing-service")
public abstract class InvestingServiceTest extends SubgraphIntegrationTest {

    protected static final BrokerTestDouble BROKER = new BrokerTestDouble();

    @DynamicPropertySource
    static void investingProperties(DynamicPropertyRegistry registry) {
        registerService(registry, "stack_investing_test");
        registry.add("stack.investing.orders.enabled", () -> "false");
        registry.add("stack.investing.reconciliation.enabled", () -> "false");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Doubles {

        /** The broker and the market data, one bean serving both. */
        @Bean
        @Primary
        BrokerTestDouble testBroker() {
            return BROKER;
        }
    }
}
