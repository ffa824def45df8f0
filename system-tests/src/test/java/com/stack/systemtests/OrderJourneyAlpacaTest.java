package com.stack.systemtests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.stack.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;

/**
 * The order journey with the other partner set: Due off-ramps the deposit, Alpaca journals it into the user's
 * account and executes the orders (its trade_updates stream reports the fills). A deployment picks its broker in
 * configuration: this test runs a second funding and a second investing so configured, behind their own gateway,
 * beside the shared suite. Both fundings hear every reservation request on the shared topics and both investings
 * hear every answer; an answer names its broker, and an investing ignores another broker's answers.
 */
class OrderJourneyAlpacaTest extends OrderJourney {

    static ConfigurableApplicationContext funding;
    static ConfigurableApplicationContext investing;
    static ConfigurableApplicationContext gateway;
    static OrderFlows flows;

    @BeforeAll
    static void startAlpacaFundingAndInvesting() {
        StackSuite suite = StackSuite.shared();
        int gatewayPort = StackSuite.freePort();
        funding = suite.startService(
                "funding",
                "stack_funding_alpaca_orders_system",
                List.of(
                        "--stack.funding.off-ramp.partner=due",
                        "--stack.funding.broker.partner=alpaca",
                        "--stack.due.webhook-url=http://127.0.0.1:" + gatewayPort + "/webhooks/due",
                        "--stack.messaging.consumer-group=funding-alpaca-orders-" + TestInfrastructure.runId()));
        investing = suite.startService(
                "investing",
                "stack_investing_alpaca_orders_system",
                List.of(
                        "--stack.investing.broker.partner=alpaca",
                        "--stack.messaging.consumer-group=investing-alpaca-orders-" + TestInfrastructure.runId()));
        Map<String, String> subgraphs = new LinkedHashMap<>(suite.subgraphUrls());
        subgraphs.put("funding", "http://127.0.0.1:" + StackSuite.port(funding) + "/graphql");
        subgraphs.put("investing", "http://127.0.0.1:" + StackSuite.port(investing) + "/graphql");
        gateway = suite.startGateway(subgraphs, "20s", gatewayPort);
        String gatewayUrl = "http://127.0.0.1:" + gatewayPort;
        flows = new OrderFlows(suite, gatewayUrl, funding, investing);
        // Circle notifies this funding's webhook too (through its gateway), as a second subscription
        flows.deposits()
                .sandbox()
                .post()
                .uri("/circle/v2/notifications/subscriptions")
                .headers(h -> h.setBearerAuth(suite.circleApiKey()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("endpoint", gatewayUrl + "/webhooks/circle"))
                .retrieve()
                .toBodilessEntity()
                .block(OrderFlows.WITHIN);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context :
                new ConfigurableApplicationContext[] {gateway, investing, funding}) {
            if (context != null) {
                context.close();
            }
        }
    }

    @Override
    OrderFlows flows() {
        return flows;
    }
}
