package com.stack.funding;

import com.stack.testsupport.SubgraphIntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The harness every funding-service integration test shares, so they share one application context:
 * the service on a random port against a fresh database, the test Kafka under topics and a consumer
 * group of this run's own (test-support names them), the test token issuer, and {@link #CIRCLE} in
 * place of Circle.
 */
@SpringBootTest(
        classes = FundingApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // the tests of this shared context look up new key ids freely (an inlined property, so that a test with a
        // bound of its own can set it through @DynamicPropertySource)
        properties = {"spring.config.name=funding-service", "stack.circle.key-lookups-per-minute=1000"})
public abstract class FundingServiceTest extends SubgraphIntegrationTest {

    /** One Circle test double for the JVM, like the token issuer; it stops with the JVM. */
    protected static final CircleTestDouble CIRCLE = startCircle();

    @DynamicPropertySource
    static void fundingProperties(DynamicPropertyRegistry registry) {
        registerService(registry, "stack_funding_test");
        registry.add("stack.circle.notifications-base-url", CIRCLE::baseUrl);
        registry.add("stack.circle.api-key", () -> CircleTestDouble.API_KEY);
        // rows nobody woke the processor for (the crash test) are found within a second
        registry.add("stack.funding.inbox.sweep-interval", () -> "1s");
        // Circle's payouts at the same double; the saga's command runner does not start on its own here,
        // so deposits of other tests stay where their tests put them: the off-ramp tests drive it
        registry.add("stack.circle.payouts-base-url", CIRCLE::baseUrl);
        registry.add("stack.funding.saga.enabled", () -> "false");
        registry.add("stack.funding.saga.initial-backoff", () -> "100ms");
        registry.add("stack.funding.saga.max-attempts", () -> "3");
        registry.add("stack.circle.payout-resilience.initial-backoff", () -> "50ms");
        // the breaker must not open across tests that make Circle fail on purpose
        registry.add("stack.circle.payout-resilience.minimum-calls", () -> "1000");
        registry.add("stack.circle.payout-resilience.sliding-window", () -> "1000");
        // the broker is not here (the system tests fund deposits at the partner sandbox's DriveWealth):
        // FUND_BROKER commands fail fast and stay pending, and DriveWealth's queue is not polled
        registry.add("stack.drivewealth.base-url", () -> "http://127.0.0.1:9/back-office");
        registry.add("stack.drivewealth.resilience.max-attempts", () -> "1");
        registry.add("stack.drivewealth.events.enabled", () -> "false");
        registry.add("stack.funding.reconciler.enabled", () -> "false");
        // Circle's list of inbound transactions is not at the test double: InboundTransferSweepTest runs passes
        registry.add("stack.funding.inbound-sweep.enabled", () -> "false");
        // the daily broker reconciliation runs when a test asks for a pass (BrokerBuyingPowerTest)
        registry.add("stack.funding.broker-reconciliation.enabled", () -> "false");
        // users of this shared context make many withdrawals a minute (the overdraw test); the limit on that is
        // WithdrawalRateLimitTest's, with its own settings
        registry.add("stack.funding.withdrawals.max-per-window", () -> "1000/1m");
    }

    private static CircleTestDouble startCircle() {
        CircleTestDouble circle = new CircleTestDouble();
        Runtime.getRuntime().addShutdownHook(new Thread(circle::close, "circle-test-double-stop"));
        return circle;
    }
}
