package com.stack.onboarding.kyc.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import com.stack.onboarding.kyc.app.KycProvider.Applicant;
import com.stack.onboarding.kyc.app.KycProviderUnavailableException;
import com.stack.onboarding.kyc.domain.KycApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;

/** The provider client's resilience against a provider that hangs, fails or repeats itself. */
class KycProviderClientTest {

    static final FakeKycProvider PROVIDER = new FakeKycProvider();
    static final KycApplication APPLICATION =
            KycApplication.of("Ada", "Lovelace", "1990-12-10", "GB", "P-1234567", LocalDate.of(2026, 1, 1));
    static final Duration VERIFY_DEADLINE = Duration.ofSeconds(20);

    /** A short per-try timeout: the fake answers in milliseconds unless told to hang. */
    final KycProviderClient client = new KycProviderClient(
            WebClient.builder()
                    .baseUrl(PROVIDER.baseUrl())
                    .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + FakeKycProvider.API_KEY)
                    .build(),
            "http://127.0.0.1:8080/webhooks/kyc",
            Duration.ofMillis(500),
            3,
            Duration.ofMillis(10));

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @Test
    void repeatingACallForTheSameUserAndAttemptReachesTheSameApplicant() {
        UUID user = UUID.randomUUID();

        Applicant first = client.createApplicant(user, 1, APPLICATION).block(VERIFY_DEADLINE);
        Applicant again = client.createApplicant(user, 1, APPLICATION).block(VERIFY_DEADLINE);
        Applicant next = client.createApplicant(user, 2, APPLICATION).block(VERIFY_DEADLINE);

        assertThat(first.applicantId())
                .startsWith("kyc_app_")
                .isEqualTo(again.applicantId())
                .isNotEqualTo(next.applicantId());
        assertThat(first.status()).isEqualTo("pending");
    }

    @Test
    void aProviderThatDoesNotAnswerTimesOutOnEveryTryAndTheCallerIsToldItIsUnavailable() {
        UUID user = UUID.randomUUID();
        PROVIDER.failNext(user, FakeKycProvider.HANG, FakeKycProvider.HANG, FakeKycProvider.HANG);

        StepVerifier.create(client.createApplicant(user, 1, APPLICATION))
                .expectError(KycProviderUnavailableException.class)
                .verify(VERIFY_DEADLINE);

        assertThat(PROVIDER.requestsFor(user))
                .hasSize(3)
                .allSatisfy(request -> assertThat(request.idempotencyKey()).isEqualTo("stack-kyc-" + user + "-1"));
    }

    @Test
    void aTimedOutTryIsRetriedAndTheRetryReachesTheProvider() {
        UUID user = UUID.randomUUID();
        PROVIDER.failNext(user, FakeKycProvider.HANG);

        StepVerifier.create(client.createApplicant(user, 1, APPLICATION))
                .assertNext(applicant -> assertThat(applicant.applicantId()).startsWith("kyc_app_"))
                .verifyComplete();

        assertThat(PROVIDER.requestsFor(user)).hasSize(2);
    }

    @Test
    void whileTheProviderKeepsFailingTheCircuitOpensAndCallsFailFastWithoutReachingIt() {
        UUID user = UUID.randomUUID();
        // the breaker opens at its minimum of 10 recorded calls (all failed): in the 4th call, whose
        // 2nd try is then not permitted
        PROVIDER.failNext(user, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503);
        for (int call = 0; call < 4; call++) {
            StepVerifier.create(client.createApplicant(user, 1, APPLICATION))
                    .expectError(KycProviderUnavailableException.class)
                    .verify(VERIFY_DEADLINE);
        }
        int reached = PROVIDER.requestsFor(user).size();

        StepVerifier.create(client.createApplicant(user, 1, APPLICATION))
                .expectError(KycProviderUnavailableException.class)
                .verify(VERIFY_DEADLINE);

        assertThat(reached).isEqualTo(10);
        assertThat(PROVIDER.requestsFor(user))
                .as("no request while the circuit is open")
                .hasSize(10);
    }
}
