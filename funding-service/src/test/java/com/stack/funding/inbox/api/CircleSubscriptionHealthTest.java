package com.stack.funding.inbox.api;

import com.stack.funding.FundingServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The Circle subscription's health indicator as the service exposes it: {@code circleSubscription}, outside the
 * readiness group (here not managed: the shared test context sets no webhook URL; the subscription itself is
 * CircleNotificationSubscriptionTest's).
 */
class CircleSubscriptionHealthTest extends FundingServiceTest {

    @Test
    void theSubscriptionIsReportedButNotPartOfReadiness() {
        WebTestClient actuator = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port + "/actuator")
                .build();

        actuator.get()
                .uri("/health/circleSubscription")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UNKNOWN")
                .jsonPath("$.details.managed")
                .isEqualTo(false);
        actuator.get()
                .uri("/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.circleSubscription")
                .doesNotExist();
        actuator.get()
                .uri("/health")
                .exchange()
                .expectBody()
                .jsonPath("$.components.circleSubscription.status")
                .isEqualTo("UNKNOWN");
    }
}
