package com.stack.sandbox.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.stack.sandbox.kyc.adapters.CallbackSender;
import com.stack.sandbox.kyc.app.Applicants;
import com.stack.sandbox.kyc.app.KycSandboxProperties;
import com.stack.sandbox.kyc.domain.Applicant;
import com.stack.sandbox.kyc.domain.ApplicantStatus;
import com.stack.sandbox.kyc.domain.KycException;
import com.stack.sandbox.kyc.domain.NewApplicant;
import com.stack.sandbox.kyc.domain.Verdict;
import com.stack.sandbox.partners.BackgroundTasks;
import com.stack.sandbox.partners.DeliveryPolicy;
import com.stack.sandbox.partners.IdempotencyStore.Outcome;
import com.stack.sandbox.partners.WebhookSender;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/** The applicant lifecycle before its decision, which the background tasks (never started here) would make. */
class ApplicantsTest {

    final KycSandboxProperties properties = new KycSandboxProperties(
            "key", "secret", Duration.ofHours(1), new DeliveryPolicy(1, Duration.ofMillis(1), Duration.ofSeconds(1)));
    final Applicants applicants = new Applicants(
            properties,
            new CallbackSender(new WebhookSender(WebClient.create(), Clock.systemUTC()), properties.delivery()),
            new BackgroundTasks(),
            JsonMapper.builder().build(),
            Clock.systemUTC());

    final NewApplicant ada = new NewApplicant(
            UUID.randomUUID(),
            "Ada",
            "Lovelace",
            LocalDate.of(1990, 12, 10),
            "US",
            "P1",
            URI.create("http://127.0.0.1:1/callbacks"));

    @Test
    void aNewApplicantIsPendingUntilDecided() {
        Outcome<Applicant> outcome = applicants.apply("key-1", ada);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CREATED);
        assertThat(outcome.value().status()).isEqualTo(ApplicantStatus.PENDING);
        assertThat(outcome.value().reasons()).isNull();
        assertThat(applicants.apply("key-1", ada).kind()).isEqualTo(Outcome.Kind.REPLAYED);
    }

    @Test
    void thereIsNothingToRedeliverBeforeTheDecision() {
        String applicantId = applicants.apply("key-2", ada).value().applicantId();

        assertThatThrownBy(() -> applicants.redeliver(applicantId)).isInstanceOfSatisfying(KycException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(409);
            assertThat(e.body().error()).isEqualTo("no_callback_yet");
        });
    }

    @Test
    void anOperatorCannotDecideAPendingApplicant() {
        String applicantId = applicants.apply("key-3", ada).value().applicantId();

        assertThatThrownBy(() -> applicants.decide(applicantId, new Verdict(ApplicantStatus.APPROVED, List.of())))
                .isInstanceOfSatisfying(
                        KycException.class, e -> assertThat(e.body().error()).isEqualTo("not_in_review"));
        assertThat(applicants.applicant(applicantId).orElseThrow().status()).isEqualTo(ApplicantStatus.PENDING);
    }

    @Test
    void theDocumentNumberDecidesByItsPrefixIgnoringCase() {
        assertThat(Verdict.forDocument("REJECT-1"))
                .isEqualTo(new Verdict(ApplicantStatus.REJECTED, List.of("DOCUMENT_INVALID")));
        assertThat(Verdict.forDocument("rejected")).extracting(Verdict::status).isEqualTo(ApplicantStatus.REJECTED);
        assertThat(Verdict.forDocument("Review42")).isEqualTo(new Verdict(ApplicantStatus.REVIEW, List.of()));
        assertThat(Verdict.forDocument("P-REJECT")).isEqualTo(new Verdict(ApplicantStatus.APPROVED, List.of()));
    }
}
