package com.stack.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.stack.funding.FundingApplication;
import com.stack.testsupport.TestInfrastructure;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Funding subscribes to Circle's notifications itself, for its public webhook URL (the gateway's
 * {@code /webhooks/circle}, as Circle calls it), and only once: a restart, or a second replica on the same
 * database, finds the subscription and makes none. Every deposit system test runs on that subscription.
 */
class CircleSubscriptionTest {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    static final Duration WITHIN = Duration.ofSeconds(60);

    static StackSuite suite;

    @BeforeAll
    static void startSuite() {
        suite = StackSuite.shared();
    }

    @Test
    void fundingSubscribesOnceAcrossRestarts() {
        String endpoint = suite.circleWebhookUrl();
        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(subscriptionsTo(endpoint)).hasSize(1));
        Object id = subscriptionsTo(endpoint).get(0).get("id");
        assertThat(health(suite.service("funding")))
                .containsEntry("status", "UP")
                .extracting("details")
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("subscriptionId", id);

        // a second funding on the same database (a restart, another replica) finds it and makes none
        List<String> args = new ArrayList<>(suite.serviceArguments(suite.database("funding")));
        args.add("--stack.messaging.consumer-group=funding-again-" + TestInfrastructure.runId());
        ConfigurableApplicationContext again = FundingApplication.application().run(args.toArray(String[]::new));
        try {
            await().atMost(WITHIN).untilAsserted(() -> assertThat(health(again)).containsEntry("status", "UP"));
            assertThat(subscriptionsTo(endpoint))
                    .singleElement()
                    .satisfies(s -> assertThat(s).containsEntry("id", id));
        } finally {
            again.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> subscriptionsTo(String endpoint) {
        Map<String, Object> answer = WebClient.create(suite.sandboxUrl())
                .get()
                .uri("/circle/v2/notifications/subscriptions")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + suite.circleApiKey())
                .retrieve()
                .bodyToMono(JSON)
                .block(Duration.ofSeconds(10));
        return ((List<Map<String, Object>>) answer.get("data"))
                .stream()
                        .filter(subscription -> endpoint.equals(subscription.get("endpoint")))
                        .toList();
    }

    private static Map<String, Object> health(ConfigurableApplicationContext funding) {
        return WebClient.create("http://127.0.0.1:" + StackSuite.port(funding))
                .get()
                .uri("/actuator/health/circleSubscription")
                .exchangeToMono(response -> response.bodyToMono(JSON))
                .block(Duration.ofSeconds(10));
    }
}
