package com.stack.defaults.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Every partner call is timed once, retries included, by how it ended, and its breaker and retry are published by
 * Resilience4j's tagged binding, all through the global registry a service's Prometheus registry belongs to.
 */
class PartnerResilienceMetricsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    PartnerResilienceMetricsTest() {
        Metrics.globalRegistry.add(prometheus);
    }

    @AfterEach
    void leaveTheGlobalRegistry() {
        Metrics.globalRegistry.remove(prometheus);
    }

    @Test
    void callsAreTimedPerCallByOutcomeAndTheBreakerAndRetryArePublished() {
        PartnerResilience partner = resilience("metrics-test-partner", 2, 100);
        call(partner, Mono.just("ok"));
        call(partner, Mono.error(new Refused()));
        call(partner, Mono.never());
        // a transient failure, retried once: one call, two attempts
        call(partner, Mono.error(new Unavailable()));

        String scrape = prometheus.scrape();
        assertThat(scrape)
                .contains("stack_partner_calls_seconds_count{outcome=\"success\",partner=\"metrics-test-partner\"} 1")
                .contains("stack_partner_calls_seconds_count{outcome=\"failure\",partner=\"metrics-test-partner\"} 2")
                .contains("stack_partner_calls_seconds_count{outcome=\"timeout\",partner=\"metrics-test-partner\"} 1")
                .contains("resilience4j_circuitbreaker_state{name=\"metrics-test-partner\",state=\"closed\"} 1")
                .contains("resilience4j_retry_calls_total{kind=\"failed_with_retry\",name=\"metrics-test-partner\"} 2");
    }

    @Test
    void aCallTheOpenBreakerRefusesIsRejected() {
        PartnerResilience partner = resilience("metrics-test-outage", 1, 2);
        call(partner, Mono.error(new Unavailable()));
        call(partner, Mono.error(new Unavailable()));
        call(partner, Mono.just("not asked"));

        assertThat(prometheus.scrape())
                .contains("stack_partner_calls_seconds_count{outcome=\"rejected\",partner=\"metrics-test-outage\"} 1")
                .contains("resilience4j_circuitbreaker_state{name=\"metrics-test-outage\",state=\"open\"} 1");
    }

    @Test
    void anOpenBreakerIsHalfOpenOnceItsWaitIsOverWithoutACall() throws InterruptedException {
        PartnerResilience partner = new PartnerResilience(
                "metrics-test-recovering",
                new PartnerResilience.Settings(
                        Duration.ofMillis(200),
                        1,
                        Duration.ofMillis(10),
                        Duration.ofMillis(20),
                        50,
                        2,
                        2,
                        Duration.ofMillis(300)),
                Unavailable.class::isInstance,
                e -> e instanceof Unavailable || e instanceof Refused);
        call(partner, Mono.error(new Unavailable()));
        call(partner, Mono.error(new Unavailable()));
        assertThat(partner.state()).hasToString("OPEN");

        // no call is made: the partner's recovery is visible (and its alert resolves) all the same
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!"HALF_OPEN".equals(partner.state().toString()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(partner.state()).hasToString("HALF_OPEN");
        assertThat(prometheus.scrape())
                .contains("resilience4j_circuitbreaker_state{name=\"metrics-test-recovering\",state=\"open\"} 0");
    }

    @Test
    void aNewerBreakerOfTheSameNameTakesTheOlderOnesPlaceInTheMetrics() {
        PartnerResilience older = resilience("metrics-test-restarted", 1, 2);
        call(older, Mono.error(new Unavailable()));
        call(older, Mono.error(new Unavailable()));
        assertThat(older.state()).hasToString("OPEN");

        PartnerResilience newer = resilience("metrics-test-restarted", 1, 2);

        assertThat(newer.state()).hasToString("CLOSED");
        assertThat(prometheus.scrape())
                .contains("resilience4j_circuitbreaker_state{name=\"metrics-test-restarted\",state=\"closed\"} 1")
                .contains("resilience4j_circuitbreaker_state{name=\"metrics-test-restarted\",state=\"open\"} 0");
    }

    private static PartnerResilience resilience(String name, int maxAttempts, int window) {
        PartnerResilience.Settings settings = new PartnerResilience.Settings(
                Duration.ofMillis(200),
                maxAttempts,
                Duration.ofMillis(10),
                Duration.ofMillis(20),
                50,
                window,
                window,
                Duration.ofMinutes(1));
        return new PartnerResilience(
                name, settings, Unavailable.class::isInstance, e -> e instanceof Unavailable || e instanceof Refused);
    }

    private static void call(PartnerResilience partner, Mono<String> attempt) {
        partner.call(attempt, Unavailable::new, Unavailable::new)
                .onErrorResume(e -> Mono.empty())
                .block(TIMEOUT);
    }

    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable() {
            super("unavailable", null, false, false);
        }

        Unavailable(Throwable cause) {
            super("unavailable", cause, false, false);
        }
    }

    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused() {
            super("refused", null, false, false);
        }
    }
}
